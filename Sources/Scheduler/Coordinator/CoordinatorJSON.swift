import Foundation
import Simulation

/// Reads coordinator apps from JSON, for scenarios: times are offsets from the start of the run.
///
/// ```json
/// { "name": "hourly", "workflow": "etl", "start": "5m", "end": "1d", "frequency": "1h",
///   "concurrency": 2, "timeout": "2h", "execution": "LIFO", "throttle": 12,
///   "datasets": [ { "name": "logs", "frequency": "1h", "initialInstance": "0s" } ],
///   "inputs": [ { "dataset": "logs", "from": -1, "to": 0 } ],
///   "outputs": [ { "dataset": "report", "offset": 0 } ] }
/// ```
/// `timeout` is a duration or `"never"` (Oozie's −1); defaults: concurrency 1, timeout 120m,
/// execution FIFO, throttle 12. Every error names the file, the coordinator and the field.
public enum CoordinatorJSON {
    /// The coordinator apps in `data` (one object or an array of them).
    public static func parse(_ data: Data, file: String) -> Result<[CoordinatorSpec], WorkflowErrors> {
        let documents: [Document]
        do {
            if let many = try? JSONDecoder().decode([Document].self, from: data) {
                documents = many
            } else {
                documents = [try JSONDecoder().decode(Document.self, from: data)]
            }
        } catch let error as DecodingError {
            return .failure(WorkflowErrors([WorkflowError(file: file, node: nil, message: WorkflowJSON.describe(error))]))
        } catch {
            return .failure(WorkflowErrors([WorkflowError(file: file, node: nil, message: "malformed JSON: \(error)")]))
        }
        var specs: [CoordinatorSpec] = []
        var errors: [WorkflowError] = []
        for document in documents {
            switch document.spec() {
            case .success(let spec): specs.append(spec)
            case .failure(let problem): errors.append(WorkflowError(file: file, node: document.name, message: problem.message))
            }
        }
        return errors.isEmpty ? .success(specs) : .failure(WorkflowErrors(errors))
    }

    struct DatasetDocument: Decodable {
        var name: String
        var frequency: String
        var initialInstance: String?
    }

    struct InputDocument: Decodable {
        var dataset: String
        var from: Int?
        var to: Int?
    }

    struct OutputDocument: Decodable {
        var dataset: String
        var offset: Int?
    }

    struct Document: Decodable {
        var name: String
        var workflow: String
        var start: String
        var end: String
        var frequency: String
        var concurrency: Int?
        var timeout: String?
        var execution: String?
        var throttle: Int?
        var datasets: [DatasetDocument]?
        var inputs: [InputDocument]?
        var outputs: [OutputDocument]?

        func spec() -> Result<CoordinatorSpec, NodeProblem> {
            func duration(_ text: String, _ field: String) throws(NodeProblem) -> SimDuration {
                guard let value = SimDuration(text) else {
                    throw NodeProblem("\(field): invalid duration \"\(text)\" (e.g. \"30s\", \"10m\", \"1h\")")
                }
                return value
            }
            do {
                var datasets: [String: Dataset] = [:]
                func dataset(_ name: String, _ field: String) throws(NodeProblem) -> Dataset {
                    guard let d = datasets[name] else { throw NodeProblem("\(field): unknown dataset '\(name)'") }
                    return d
                }
                for d in self.datasets ?? [] {
                    datasets[d.name] = Dataset(
                        name: d.name, frequency: try duration(d.frequency, "datasets.\(d.name).frequency"),
                        initialInstance: .zero + (try duration(d.initialInstance ?? "0s", "datasets.\(d.name).initialInstance")))
                }
                var inputs: [DataInput] = []
                for input in self.inputs ?? [] {
                    let from = input.from ?? 0, to = input.to ?? 0
                    guard from <= to else { throw NodeProblem("inputs.\(input.dataset): from (\(from)) must be ≤ to (\(to))") }
                    inputs.append(DataInput(dataset: try dataset(input.dataset, "inputs"), instances: from...to))
                }
                var outputs: [DataOutput] = []
                for output in self.outputs ?? [] {
                    outputs.append(DataOutput(dataset: try dataset(output.dataset, "outputs"), offset: output.offset ?? 0))
                }
                var timeout: SimDuration? = .minutes(120)
                if let text = self.timeout { timeout = text == "never" ? nil : try duration(text, "timeout") }
                guard let order = ExecutionOrder(rawValue: execution ?? "FIFO") else {
                    throw NodeProblem("execution: expected FIFO, LIFO or LAST_ONLY, found \"\(execution ?? "")\"")
                }
                let spec = CoordinatorSpec(
                    name: name, workflow: workflow, start: .zero + (try duration(start, "start")),
                    end: .zero + (try duration(end, "end")), frequency: try duration(frequency, "frequency"),
                    concurrency: concurrency ?? 1, timeout: timeout, execution: order, throttle: throttle ?? 12,
                    inputs: inputs, outputs: outputs)
                if let problem = spec.problems().first { throw NodeProblem(problem) }
                return .success(spec)
            } catch let problem as NodeProblem {
                return .failure(problem)
            } catch {
                return .failure(NodeProblem("\(error)"))
            }
        }
    }
}
