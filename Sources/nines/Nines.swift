import ArgumentParser
import Scenarios

@main
struct Nines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nines",
        abstract: "How many nines does this failover design really get, and does the math agree?",
        version: BuildInfo.description,
        subcommands: [
            RunCommand.self, SweepCommand.self, CompareCommand.self, ValidateCommand.self, CheckCommand.self, Analyze.self, WorkflowCommand.self,
            ExploreCommand.self, ShrinkCommand.self, ReplayCommand.self, MergeCommand.self, K8sJobCommand.self,
            Bench.self, DemoCommand.self,
        ])
}
