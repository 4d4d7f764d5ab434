import Foundation
import Scheduler
import Simulation

/// A reader the fuzzer feeds: the scenario loader, the JSON parser, or the Oozie definition readers.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case scenario, json, definition

    /// What one input came to. A crash never returns: it ends the process, which is what the fuzzer looks for.
    public enum Outcome {
        /// Refused with this message.
        case rejected(String)
        /// Accepted; a scenario when the input was one.
        case accepted(Scenario?)
    }

    /// Reads `bytes` as if from `file` (references in a scenario resolve beside `file`).
    public func feed(_ bytes: [UInt8], file: String) -> Outcome {
        switch self {
        case .json:
            do { _ = try JSONParser.parse(bytes) } catch { return .rejected("\(file): \(error)") }
            return .accepted(nil)
        case .scenario:
            // As `nines validate` does: the file, then the work it asks for.
            do {
                let scenario = try ScenarioLoader.parse(bytes, file: file)
                try WorkEstimate(scenario).check(file: file)
                return .accepted(scenario)
            } catch { return .rejected(error.description) }
        case .definition:
            let data = Data(bytes)
            let results = [
                WorkflowLoader.load(data, file: file).map { _ in () }, CoordinatorXML.parse(data, file: file).map { _ in () },
                BundleXML.parse(data, file: file).map { _ in () }, CoordinatorJSON.parse(data, file: file).map { _ in () },
            ]
            for case .failure(let errors) in results.prefix(1) { return .rejected(errors.description) }
            return .accepted(nil)
        }
    }

    /// Runs an accepted scenario briefly (two replications of at most `duration`, one thread), as
    /// `nines run --duration` would; returns whether its expectations held.
    public static func run(_ scenario: Scenario, atMost duration: SimDuration) -> Bool {
        var bounded = scenario
        bounded.duration = min(scenario.duration, duration)
        bounded.warmUp = min(scenario.warmUp, SimDuration(nanoseconds: bounded.duration.nanoseconds / 2))
        bounded.replications = .fixed(2)
        return ScenarioRun(scenario: bounded, jobs: 1).execute().passed
    }
}
