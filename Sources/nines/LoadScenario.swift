import ArgumentParser
import Scenarios

/// Loads and validates a scenario file, or prints the error and exits 2.
func loadScenario(_ file: String) throws -> Scenario {
    do { return try ScenarioLoader.load(file: file) } catch {
        printError(error.message)
        throw ExitCode.invalidInput
    }
}

/// `--allow-long-run`, for every command that simulates: a scenario whose estimated work
/// (``WorkEstimate``) is over ``WorkEstimate/maximumEvents`` is refused (exit 2) unless it is given.
struct WorkLimitOptions: ParsableArguments {
    @Flag(help: "Run even when the scenario's estimated work (periodic events × replications) is over 10^10.")
    var allowLongRun = false

    /// Refuses `scenario` if it asks for too much; `replications` replaces its count when the
    /// command runs another number (a shard, explored schedules).
    func check(_ scenario: Scenario, file: String, replications: Int? = nil) throws {
        guard !allowLongRun else { return }
        var scenario = scenario
        if let replications { scenario.replications = .fixed(replications) }
        do { try WorkEstimate(scenario).check(file: file) } catch {
            printError(error.message)
            throw ExitCode.invalidInput
        }
    }
}
