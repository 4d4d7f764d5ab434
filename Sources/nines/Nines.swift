import ArgumentParser
import Foundation
import Scenarios

@main
struct Nines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nines",
        abstract: "How many nines does this failover design really get, and does the math agree?",
        discussion: "Exit codes, for every command: 0 success; 1 an expectation or invariant failed; 2 invalid input or usage.",
        version: BuildInfo.description,
        subcommands: [
            RunCommand.self, SweepCommand.self, CompareCommand.self, ValidateCommand.self, CheckCommand.self, Analyze.self, WorkflowCommand.self,
            ExploreCommand.self, ShrinkCommand.self, ReplayCommand.self, MergeCommand.self, K8sJobCommand.self,
            Bench.self, DemoCommand.self, FuzzCommand.self,
        ])

    /// Parses and runs the command, mapping every outcome onto Nines' exit codes (see ``exitStatus(for:)``).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitStatus(for: error)
            let message = message(for: error)
            if !message.isEmpty {
                if status == 0 { print(message) } else { printError(message) }
            }
            Foundation.exit(status)
        }
    }

    /// 0 for help and clean exits, an `ExitCode` as thrown, 1 for an expectation that failed
    /// (thrown as `ExitCode(1)`), and 2 for everything else: argument-parser's usage errors (which
    /// it would end with 64), refused outputs, invalid files.
    static func exitStatus(for error: Error) -> Int32 {
        if let code = error as? ExitCode { return code.rawValue }
        let parserCode = exitCode(for: error).rawValue
        if parserCode == 0 { return 0 }
        return ExitCode.invalidInput.rawValue
    }

    /// What to print: argument-parser's message (with usage) for its errors, `error: …` for ours.
    static func message(for error: Error) -> String {
        switch error {
        case is ExitCode: return ""
        case let refusal as OutputRefusal: return "error: \(refusal)"
        case let invalid as ScenarioError: return invalid.message
        default: return fullMessage(for: error)
        }
    }
}
