import Foundation
import Scheduler
import Simulation
import Testing

/// The repository's `scenarios/workflows` folder, found from this file's path.
let workflowsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scenarios/workflows")

func loadSample(_ name: String) throws -> ValidatedWorkflow {
    let data = try Data(contentsOf: workflowsFolder.appendingPathComponent(name))
    return try WorkflowLoader.load(data, file: name).get()
}

func validationErrors(_ text: String, file: String) -> [WorkflowError] {
    switch WorkflowLoader.load(Data(text.utf8), file: file) {
    case .success: return []
    case .failure(let errors): return errors.errors
    }
}

/// Drives a job to its end without a simulator: every launch starts at once and completes with the
/// next scripted outcome for its action (ok when the script runs out); retries are due at once.
struct ScriptedRun {
    var job: WorkflowJob
    var script: [String: [ActionOutcome]]
    var launches: [String] = []
    var retries: [String] = []

    init(_ job: WorkflowJob, script: [String: [ActionOutcome]] = [:]) {
        self.job = job
        self.script = script
    }

    mutating func run() throws {
        var pending = try job.apply(.start)
        var steps = 0
        while !pending.isEmpty {
            steps += 1
            precondition(steps < 10_000, "scripted run does not end")
            let effect = pending.removeFirst()
            switch effect {
            case .launch(let launch):
                launches.append(launch.launchId)
                pending += try job.apply(.actionStarted(action: launch.action, launchId: launch.launchId))
                let outcome = script[launch.action]?.isEmpty == false ? script[launch.action]!.removeFirst() : .ok
                pending += try job.apply(.actionCompleted(action: launch.action, launchId: launch.launchId, outcome: outcome))
            case .scheduleRetry(let action, _):
                retries.append(action)
                pending += try job.apply(.retryDue(action: action))
            case .cancel, .finished: break
            }
        }
    }

    /// The launched action names, in order.
    var launchedActions: [String] { launches.map { String($0.split(separator: "@")[1]) } }
}
