import ArgumentParser
import Scenarios

/// `nines analyze SCENARIO`: every model a scenario implies, before simulating it.
struct AnalyzeScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "Every analytic model a scenario file implies (the default).")

    @Argument(help: "The scenario file.") var file: String
    @OptionGroup var output: AnalyzeOutputOptions

    func run() throws {
        let scenario = try loadScenario(file)
        let models = ScenarioModels(scenario: scenario)
        print(output.json ? models.json : models.table, terminator: output.json ? "" : "\n")
    }
}
