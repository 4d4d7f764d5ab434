import ArgumentParser
import Foundation
import Scenarios

/// `nines check`: the chaos regression. Runs scenario files with expectations, one line each.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios with expectations (a regression suite); exit 1 if any fails, 2 if any is invalid.",
        discussion: "Folders are searched for *.json scenario files (schema.json excepted). In the JUnit report a "
            + "missed expectation is a <failure> naming the command that reproduces it; an invalid scenario is an <error>.")

    @Argument(help: "Scenario files or folders.") var paths: [String]
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?
    @OptionGroup var workLimit: WorkLimitOptions

    /// Loads and runs one file: invalid input is the user's (a JUnit `<error>`), a missed expectation
    /// or a broken invariant a `<failure>`.
    func outcome(_ path: String, named file: String) -> JUnitReport.Result {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(file: path)
            if !workLimit.allowLongRun { try WorkEstimate(scenario).check(file: path) }
        } catch {
            return .error(type: "invalid_input", message: "\(error)")
        }
        var run = ScenarioRun(scenario: scenario, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        run.file = path
        let result = run.execute()
        return Self.judge(result, file: file)
    }

    func run() throws {
        if let junit { try OutputTarget.checkFile(junit) }  // refused before any scenario runs
        let files = try ScenarioFiles.expand(paths)
        guard !files.isEmpty else {
            printError("error: no scenario files in \(paths.joined(separator: ", "))")
            throw ExitCode.invalidInput
        }
        let cwd = FileManager.default.currentDirectoryPath
        var cases: [JUnitReport.Case] = []
        for path in files {
            let file = JUnitReport.relative(path, to: cwd)
            let start = ContinuousClock.now
            let result = outcome(path, named: file)
            let seconds = (ContinuousClock.now - start).secondsValue
            let (word, detail): (String, String)
            switch result {
            case .passed: (word, detail) = ("PASS", "expectations hold")
            case .failure(_, let message, _): (word, detail) = ("FAIL", message)
            case .error(_, let message): (word, detail) = ("INVALID", "invalid: \(message)")
            }
            print("\(word)  \(file)  \(String(format: "%.1f", seconds)) s  \(detail)")
            cases.append(.init(file: file, seconds: seconds, result: result))
        }
        let invalid = cases.filter { if case .error = $0.result { true } else { false } }.count
        let failed = cases.filter { if case .failure = $0.result { true } else { false } }.count
        print("\(cases.count - failed - invalid) passed, \(failed) failed\(invalid > 0 ? ", \(invalid) invalid" : "")")
        if let junit {
            try AtomicFile(path: junit).write(JUnitReport.render(cases: cases))
        }
        if invalid > 0 { throw ExitCode.invalidInput }
        if failed > 0 { throw ExitCode.expectationFailed }
    }

    /// A run's verdict as a JUnit result: the failed expectations, typed `invariant` when a replication
    /// broke a safety invariant, with the commands that reproduce the failure.
    static func judge(_ result: ScenarioResult, file: String) -> JUnitReport.Result {
        let failed = result.checks.filter { !$0.passed }
        guard !failed.isEmpty else { return .passed }
        let message = failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; ")
        var body = failed.map { "✘ \($0.name): \($0.detail)" }.joined(separator: "\n")
        body += "\n\nreproduce the run: nines run \(file) --seed \(result.scenario.seed)"
        let violating = result.outcomes.first { !$0.violations.isEmpty }
        if let violating {
            body += "\nreproduce the first violation with its trace: nines replay \(file) --replication \(violating.index) --trace"
            body += "\n" + violating.violations.prefix(5).joined(separator: "\n")
        }
        return .failure(type: violating == nil ? "expectation" : "invariant", message: message, body: body)
    }
}
