import ArgumentParser
import Foundation
import Scenarios

/// `nines check`: the chaos regression. Runs scenario files with expectations, one line each.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios with expectations (a regression suite); exit 1 if any fails.",
        discussion: "Folders are searched for *.json scenario files (schema.json excepted).")

    @Argument(help: "Scenario files or folders.") var paths: [String]
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?

    func run() throws {
        let files = try ScenarioFiles.expand(paths)
        guard !files.isEmpty else {
            printError("error: no scenario files in \(paths.joined(separator: ", "))")
            throw ExitCode.invalidInput
        }
        var cases: [JUnitReport.Case] = []
        for file in files {
            let start = ContinuousClock.now
            let outcome: (passed: Bool, detail: String)
            do {
                let scenario = try ScenarioLoader.load(file: file)
                let result = ScenarioRun(scenario: scenario, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount).execute()
                let failed = result.checks.filter { !$0.passed }
                outcome = (result.passed, failed.isEmpty
                    ? "\(result.checks.count) expectations hold"
                    : failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; "))
            } catch {
                outcome = (false, "invalid: \(error)")
            }
            let seconds = (ContinuousClock.now - start).secondsValue
            print("\(outcome.passed ? "PASS" : "FAIL")  \(file)  \(String(format: "%.1f", seconds)) s  \(outcome.detail)")
            cases.append(.init(name: file, seconds: seconds, failure: outcome.passed ? nil : outcome.detail))
        }
        let failures = cases.filter { $0.failure != nil }.count
        print("\(cases.count - failures) passed, \(failures) failed")
        if let junit {
            let output = AtomicFile(path: junit)
            try output.write(JUnitReport.render(suite: "nines check", cases: cases))
        }
        if failures > 0 { throw ExitCode.expectationFailed }
    }
}
