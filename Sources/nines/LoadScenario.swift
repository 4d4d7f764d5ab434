import ArgumentParser
import Scenarios

/// Loads and validates a scenario file, or prints the error and exits 2.
func loadScenario(_ file: String) throws -> Scenario {
    do { return try ScenarioLoader.load(file: file) } catch {
        printError(error.message)
        throw ExitCode.invalidInput
    }
}
