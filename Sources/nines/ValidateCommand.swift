import ArgumentParser
import Scenarios

/// `nines validate`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check scenario files; exit 2 with the errors if any is invalid.")

    @Argument(help: "Scenario files.") var files: [String]
    @OptionGroup var workLimit: WorkLimitOptions

    func run() throws {
        var failed = false
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(file: file)
                let work = WorkEstimate(scenario)
                if !workLimit.allowLongRun { try work.check(file: file) }
                print("\(file): ok (\(scenario.name), \(scenario.replications.minimum)+ replications of \(scenario.duration), "
                    + "about \(WorkEstimate.text(work.total)) periodic events)")
            } catch {
                printError(error.message)
                failed = true
            }
        }
        if failed { throw ExitCode.invalidInput }
    }
}
