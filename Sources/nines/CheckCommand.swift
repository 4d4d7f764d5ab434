import ArgumentParser
import Foundation
import Scenarios

/// `nines check`: the chaos regression. Runs scenario files with expectations, one line each.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios with expectations (a regression suite); exit 1 if any fails, 2 if any is invalid.",
        discussion: "Folders are searched for *.json scenario files (schema.json excepted).")

    @Argument(help: "Scenario files or folders.") var paths: [String]
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?

    /// What one scenario file came to. `invalid` is the user's input at fault (a JUnit `<error>`),
    /// `failed` an expectation or invariant (a `<failure>`).
    enum Outcome {
        case passed(String)
        case failed(String)
        case invalid(String)

        var label: String {
            switch self {
            case .passed: return "PASS"
            case .failed: return "FAIL"
            case .invalid: return "INVALID"
            }
        }
        var detail: String {
            switch self {
            case .passed(let d), .failed(let d), .invalid(let d): return d
            }
        }
    }

    /// Loads and runs one file.
    func outcome(_ file: String) -> Outcome {
        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(file: file) } catch { return .invalid("invalid: \(error)") }
        let result = ScenarioRun(scenario: scenario, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount).execute()
        let failed = result.checks.filter { !$0.passed }
        guard result.passed else { return .failed(failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; ")) }
        return .passed("\(result.checks.count) expectations hold")
    }

    func run() throws {
        if let junit { try OutputTarget.checkFile(junit) }  // refused before any scenario runs
        let files = try ScenarioFiles.expand(paths)
        guard !files.isEmpty else {
            printError("error: no scenario files in \(paths.joined(separator: ", "))")
            throw ExitCode.invalidInput
        }
        var cases: [JUnitReport.Case] = []
        var invalid = 0
        for file in files {
            let start = ContinuousClock.now
            let outcome = outcome(file)
            let seconds = (ContinuousClock.now - start).secondsValue
            print("\(outcome.label)  \(file)  \(String(format: "%.1f", seconds)) s  \(outcome.detail)")
            if case .invalid = outcome { invalid += 1 }
            if case .passed = outcome {
                cases.append(.init(name: file, seconds: seconds, failure: nil))
            } else {
                cases.append(.init(name: file, seconds: seconds, failure: outcome.detail))
            }
        }
        let failures = cases.filter { $0.failure != nil }.count
        print("\(cases.count - failures) passed, \(failures - invalid) failed\(invalid > 0 ? ", \(invalid) invalid" : "")")
        if let junit {
            let output = AtomicFile(path: junit)
            try output.write(JUnitReport.render(suite: "nines check", cases: cases))
        }
        if invalid > 0 { throw ExitCode.invalidInput }
        if failures > 0 { throw ExitCode.expectationFailed }
    }
}
