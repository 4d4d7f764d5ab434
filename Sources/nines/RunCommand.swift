import ArgumentParser
import Foundation
import Scenarios
import Simulation

/// `nines run`: runs a scenario's replications and writes its report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its report to notebooks-out/<scenario>/.",
        discussion: "Exit codes: 0 every expectation holds; 1 an expectation or invariant failed; 2 invalid input.")

    @Argument(help: "The scenario file.") var file: String
    @Option(help: "Override the scenario's seed.") var seed: UInt64?
    @Option(help: "Override the number of replications.") var replications: Int?
    @Option(help: "Override the simulated duration, e.g. 30d.") var duration: String?
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?
    @Option(help: "Output folder (default: notebooks-out/<scenario>).") var out: String?
    @Option(help: "Run only shard i of N (e.g. 0/4) and write shard.json for `nines merge`.") var shard: String?
    @Flag(help: "Print the summary as JSON.") var json = false
    @Flag(help: "No progress bar.") var quiet = false
    @OptionGroup var workLimit: WorkLimitOptions

    /// Reads "i/N" into the shard and its replications; sharding needs a fixed replication count
    /// so every shard agrees on the total.
    private func parseShard(_ text: String, _ scenario: Scenario) throws -> (index: Int, count: Int, replications: [Int]) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
            printError("error: --shard: expected i/N with 0 ≤ i < N, found \"\(text)\"")
            throw ExitCode.invalidInput
        }
        guard case .fixed(let total) = scenario.replications else {
            printError("error: --shard: needs a fixed replication count; pass --replications R")
            throw ExitCode.invalidInput
        }
        return (parts[0], parts[1], ShardFile.replications(shard: parts[0], of: parts[1], total: total))
    }

    func run() throws {
        var scenario = try loadScenario(file)
        if let seed { scenario.seed = seed }
        if let replications {
            guard (2...100_000).contains(replications) else {
                printError("error: --replications: expected 2…100000, found \(replications)")
                throw ExitCode.invalidInput
            }
            scenario.replications = .fixed(replications)
        }
        if let duration {
            guard let d = SimDuration(duration), d <= ScenarioLimits.longestDuration else {
                printError("error: --duration: expected a duration such as 30d, 12h or 90s, at most \(ScenarioLimits.longestDuration), found \"\(duration)\"")
                throw ExitCode.invalidInput
            }
            guard d > scenario.warmUp else {
                printError("error: --duration: expected a duration longer than the warm-up (\(scenario.warmUp)), found \"\(duration)\"")
                throw ExitCode.invalidInput
            }
            scenario.duration = d
        }
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs >= 1 else { printError("error: --jobs: expected ≥ 1, found \(jobs)"); throw ExitCode.invalidInput }

        let sharded = try shard.map { try parseShard($0, scenario) }
        try workLimit.check(scenario, file: file, replications: sharded?.replications.count)

        let bar = ProgressBar(enabled: !quiet && FileHandleWriter.standardErrorIsTerminal)
        var run = ScenarioRun(scenario: scenario, jobs: jobs, progress: bar.update)
        run.simulatedProgress = bar.advance
        run.file = file
        var output = AtomicOutput(directory: URL(fileURLWithPath: out ?? "notebooks-out/\(scenario.name)"))
        try output.checkTarget()
        if let (index, count, replications) = sharded {
            let outcomes = run.replicate(indices: replications)
            bar.finish()
            output.add("shard.json", ShardFile.encode(scenario: scenario, shard: index, of: count, outcomes: outcomes))
            try output.commit()
            print("shard \(index)/\(count): \(outcomes.count) replications → \(output.directory.path)/shard.json")
            return
        }
        let result = run.execute()
        bar.finish()

        for file in ReportFiles.render(result) { output.add(file.name, file.contents) }
        try output.commit()

        if json {
            print(JSONWriter.write(ReportFiles.summaryJSON(result)), terminator: "")
        } else {
            print(SummaryText.render(result))
            print("report: \(output.directory.path)/report.html")
        }
        if !result.passed { throw ExitCode.expectationFailed }
    }
}
