import Foundation
import Simulation

/// Reads Oozie's workflow XML (`<workflow-app>`, schema uri:oozie:workflow:0.1–1.0).
///
/// Understood: `start`, `end`, `kill` (with `message`), `action` (`ok`, `error`, `retry-max`,
/// `retry-interval` in minutes as Oozie writes it), `fork`/`path`, `join`, `decision`/`switch`/
/// `case`/`default`, and `parameters` (variable defaults). The action's type is the name of its
/// first child element that is not `ok` or `error` (map-reduce, shell, java, pig, hive, fs, ...);
/// every type runs as simulated work. `global`, `credentials` and action bodies are ignored.
/// Decision cases are EL; the forms ``DecisionEL`` reads are evaluated, others never hold.
public enum WorkflowXML {
    /// The definition in `data`; errors name `file`, the node when one is at fault, and the line.
    public static func parse(_ data: Data, file: String) -> Result<WorkflowDefinition, WorkflowErrors> {
        let root: XMLTree
        switch XMLTree.parseDefinition(data, file: file) {
        case .success(let tree): root = tree
        case .failure(let errors): return .failure(errors)
        }
        guard root.localName == "workflow-app" else {
            return .failure(
                WorkflowErrors([
                    WorkflowError(
                        file: file, node: nil, line: root.line,
                        message: "expected a <workflow-app> root element, found <\(root.name)>")
                ]))
        }
        var reader = Reader(file: file)
        if let problem = OozieSchemas.namespaceProblem(root, known: OozieSchemas.workflow) {
            reader.fail(root, node: nil, problem)
        }
        let definition = reader.read(root)
        return reader.errors.isEmpty ? .success(definition) : .failure(WorkflowErrors(reader.errors))
    }

    struct Reader {
        let file: String
        var errors: [WorkflowError] = []

        init(file: String) { self.file = file }

        mutating func read(_ root: XMLTree) -> WorkflowDefinition {
            var start: String?
            var nodes: [WorkflowNode] = []
            var variables: [String: String] = [:]
            var lines: [String: Int] = [:]
            for element in root.children {
                switch element.localName {
                case "start":
                    if start != nil { fail(element, node: "start", "a second start node") }
                    start = attribute(element, "to", node: "start")
                case "parameters":
                    for property in element.children("property") {
                        guard let name = property.child("name")?.text.trimmed else { continue }
                        variables[name] = property.child("value")?.text.trimmed ?? ""
                    }
                case "global", "credentials":
                    continue
                default:
                    if let node = readNode(element) { nodes.append(node) }
                    if let name = element.attributes["name"], lines[name] == nil { lines[name] = element.line }
                }
            }
            var definition = WorkflowDefinition(
                name: root.attributes["name"] ?? "", start: start, nodes: nodes, variables: variables)
            definition.lines = lines
            if let line = root.child("start")?.line { definition.lines["start"] = line }
            return definition
        }

        mutating func readNode(_ element: XMLTree) -> WorkflowNode? {
            let name = element.attributes["name"] ?? ""
            switch element.localName {
            case "end": return WorkflowNode(name: name, kind: .end)
            case "kill":
                return WorkflowNode(name: name, kind: .kill(message: element.child("message")?.text.trimmed ?? "killed"))
            case "join":
                guard let to = attribute(element, "to", node: name) else { return nil }
                return WorkflowNode(name: name, kind: .join(to: to))
            case "fork":
                let paths = element.children("path").compactMap { attribute($0, "start", node: name) }
                return WorkflowNode(name: name, kind: .fork(paths: paths))
            case "decision": return readDecision(element, name: name)
            case "action": return readAction(element, name: name)
            default:
                fail(element, node: name.isEmpty ? nil : name, "unknown element <\(element.name)> in workflow-app")
                return nil
            }
        }

        mutating func readAction(_ element: XMLTree, name: String) -> WorkflowNode? {
            let ok = element.child("ok").flatMap { attribute($0, "to", node: name) }
            let error = element.child("error").flatMap { attribute($0, "to", node: name) }
            guard let ok, let error else {
                fail(element, node: name, "an action needs <ok to=\"...\"/> and <error to=\"...\"/>")
                return nil
            }
            let type = element.children.first { $0.localName != "ok" && $0.localName != "error" }?.localName ?? "simulated"
            guard type == "simulated" || OozieSchemas.actionTypes.contains(type) else {
                fail(element, node: name, "unknown action type <\(type)>; Oozie's are \(OozieSchemas.actionTypes.joined(separator: ", "))")
                return nil
            }
            var spec = WorkflowActionSpec(type: type, ok: ok, error: error)
            if let text = element.attributes["retry-max"] {
                guard let value = Int(text.trimmed) else {
                    fail(element, node: name, "retry-max must be an integer, found \"\(text)\"")
                    return nil
                }
                spec.retryMax = value
            }
            if let text = element.attributes["retry-interval"] {
                guard let minutes = Double(text.trimmed), minutes >= 0 else {
                    fail(element, node: name, "retry-interval must be a number of minutes, found \"\(text)\"")
                    return nil
                }
                spec.retryInterval = SimDuration(seconds: minutes * 60)
            }
            return WorkflowNode(name: name, kind: .action(spec))
        }

        mutating func readDecision(_ element: XMLTree, name: String) -> WorkflowNode? {
            guard let switchElement = element.child("switch") else {
                fail(element, node: name, "a decision needs a <switch>")
                return nil
            }
            let cases = switchElement.children("case").compactMap { c in
                attribute(c, "to", node: name).map { DecisionCase(to: $0, predicate: DecisionEL.predicate(c.text)) }
            }
            guard let defaultTo = switchElement.child("default").flatMap({ attribute($0, "to", node: name) }) else {
                fail(switchElement, node: name, "a decision needs <default to=\"...\"/>")
                return nil
            }
            return WorkflowNode(name: name, kind: .decision(cases: cases, defaultTo: defaultTo))
        }

        mutating func attribute(_ element: XMLTree, _ key: String, node: String) -> String? {
            guard let value = element.attributes[key], !value.isEmpty else {
                fail(element, node: node, "<\(element.localName)> needs a '\(key)' attribute")
                return nil
            }
            return value
        }

        mutating func fail(_ element: XMLTree, node: String?, _ message: String) {
            errors.append(WorkflowError(file: file, node: node, line: element.line, message: message))
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
