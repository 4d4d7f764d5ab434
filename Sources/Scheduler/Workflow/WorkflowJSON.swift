import Foundation
import Simulation

/// Reads a workflow definition from JSON.
///
/// The shape (every node field other than `name` and `type` depends on the type):
/// ```json
/// { "name": "etl", "start": "split",
///   "variables": { "mode": "full" },
///   "nodes": [
///     { "name": "split", "type": "fork", "paths": ["extract-a", "extract-b"] },
///     { "name": "extract-a", "type": "action", "action": "shell", "ok": "merge", "error": "fail",
///       "retryMax": 2, "retryInterval": "30s" },
///     { "name": "extract-b", "type": "action", "ok": "merge", "error": "fail" },
///     { "name": "merge", "type": "join", "to": "route" },
///     { "name": "route", "type": "decision", "default": "load",
///       "cases": [ { "to": "backfill", "variable": "mode", "equals": "full" },
///                  { "to": "sample", "probability": 0.1 } ] },
///     { "name": "done", "type": "end" },
///     { "name": "fail", "type": "kill", "message": "extract failed" } ] }
/// ```
/// A case holds when `variable` equals `equals` (or differs from `notEquals`), with probability
/// `probability` (a seeded draw), or always (`"when": true`). `action` defaults to "simulated",
/// `retryMax` to 0 and `retryInterval` to "10m".
public enum WorkflowJSON {
    /// The definition in `data`; errors name `file` and, for a bad node, the node.
    public static func parse(_ data: Data, file: String) -> Result<WorkflowDefinition, WorkflowErrors> {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            return .failure(WorkflowErrors([WorkflowError(file: file, node: nil, message: describe(error))]))
        } catch {
            return .failure(WorkflowErrors([WorkflowError(file: file, node: nil, message: "malformed JSON: \(error)")]))
        }
        var errors: [WorkflowError] = []
        var nodes: [WorkflowNode] = []
        for node in document.nodes {
            switch node.convert() {
            case .success(let n): nodes.append(n)
            case .failure(let problem): errors.append(WorkflowError(file: file, node: node.name, message: problem.message))
            }
        }
        guard errors.isEmpty else { return .failure(WorkflowErrors(errors)) }
        return .success(
            WorkflowDefinition(name: document.name, start: document.start, nodes: nodes, variables: document.variables ?? [:]))
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "$" : "$" + text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "malformed JSON at \(path(context)): \(context.debugDescription)"
        @unknown default: return "malformed JSON: \(error)"
        }
    }

    struct Document: Decodable {
        var name: String
        var start: String?
        var variables: [String: String]?
        var nodes: [Node]
    }

    struct Case: Decodable {
        var to: String
        var variable: String?
        var equals: String?
        var notEquals: String?
        var probability: Double?
        var when: Bool?
    }

    struct Node: Decodable {
        var name: String
        var type: String
        var action: String?
        var ok: String?
        var error: String?
        var retryMax: Int?
        var retryInterval: String?
        var paths: [String]?
        var to: String?
        var cases: [Case]?
        var `default`: String?
        var message: String?

        func convert() -> Result<WorkflowNode, NodeProblem> {
            func need(_ value: String?, _ field: String) -> Result<String, NodeProblem> {
                value.map { .success($0) } ?? .failure(NodeProblem("a \(type) node needs '\(field)'"))
            }
            switch type {
            case "end": return .success(WorkflowNode(name: name, kind: .end))
            case "kill": return .success(WorkflowNode(name: name, kind: .kill(message: message ?? "killed")))
            case "join": return need(to, "to").map { WorkflowNode(name: name, kind: .join(to: $0)) }
            case "fork":
                guard let paths else { return .failure(NodeProblem("a fork node needs 'paths'")) }
                return .success(WorkflowNode(name: name, kind: .fork(paths: paths)))
            case "action": return convertAction()
            case "decision": return convertDecision()
            default:
                return .failure(NodeProblem("unknown node type '\(type)' (expected action, decision, fork, join, kill or end)"))
            }
        }

        func convertAction() -> Result<WorkflowNode, NodeProblem> {
            guard let ok, let error else { return .failure(NodeProblem("an action node needs 'ok' and 'error'")) }
            var interval = SimDuration.minutes(10)
            if let retryInterval {
                guard let parsed = SimDuration(retryInterval) else {
                    return .failure(NodeProblem("retryInterval: invalid duration \"\(retryInterval)\" (e.g. \"30s\", \"10m\")"))
                }
                interval = parsed
            }
            let spec = WorkflowActionSpec(
                type: action ?? "simulated", ok: ok, error: error, retryMax: retryMax ?? 0, retryInterval: interval)
            return .success(WorkflowNode(name: name, kind: .action(spec)))
        }

        func convertDecision() -> Result<WorkflowNode, NodeProblem> {
            guard let defaultTo = self.default else { return .failure(NodeProblem("a decision node needs 'default'")) }
            var converted: [DecisionCase] = []
            for (i, c) in (cases ?? []).enumerated() {
                let predicate: DecisionPredicate
                if let variable = c.variable, let value = c.equals {
                    predicate = .equals(variable: variable, value: value)
                } else if let variable = c.variable, let value = c.notEquals {
                    predicate = .notEquals(variable: variable, value: value)
                } else if let p = c.probability {
                    predicate = .draw(probability: p)
                } else if let when = c.when {
                    predicate = .constant(when)
                } else {
                    return .failure(NodeProblem(
                        "case \(i) (to '\(c.to)') needs 'variable' with 'equals' or 'notEquals', 'probability', or 'when'"))
                }
                converted.append(DecisionCase(to: c.to, predicate: predicate))
            }
            return .success(WorkflowNode(name: name, kind: .decision(cases: converted, defaultTo: defaultTo)))
        }
    }
}

/// What is wrong with one node of a JSON definition.
struct NodeProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
