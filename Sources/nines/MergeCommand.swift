import ArgumentParser
import Foundation
import Scenarios
import Simulation

/// `nines merge`: combines shard outputs into exactly what the unsharded run writes.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge the shard files of `nines run --shard` into one report.")

    @Argument(help: "The scenario file the shards ran.") var file: String
    @Argument(help: "Shard files (shard.json of each shard's output folder).") var shards: [String]
    @Option(help: "Output folder (default: notebooks-out/<scenario>).") var out: String?
    @Option(help: "The seed the shards ran with, if overridden.") var seed: UInt64?

    func run() throws {
        var scenario = try loadScenario(file)
        if let seed { scenario.seed = seed }
        try AtomicOutput(directory: URL(fileURLWithPath: out ?? "notebooks-out/\(scenario.name)")).checkTarget()
        var outcomes: [ReplicationOutcome] = []
        var ran: (duration: SimDuration, warmUp: SimDuration)?
        for shard in shards {
            guard let data = FileManager.default.contents(atPath: shard) else {
                printError("error: \(shard): no such file")
                throw ExitCode.invalidInput
            }
            do {
                let decoded = try ShardFile.decode(String(decoding: data, as: UTF8.self), file: shard)
                guard decoded.scenario == scenario.name, decoded.seed == scenario.seed else {
                    printError("error: \(shard): ran scenario \(decoded.scenario) with seed \(decoded.seed), not \(scenario.name) with seed \(scenario.seed)")
                    throw ExitCode.invalidInput
                }
                // The shards' duration and warm-up are what ran (`run --duration` may override the file's).
                if let ran, ran != (decoded.duration, decoded.warmUp) {
                    printError("error: \(shard): ran \(decoded.duration) with warm-up \(decoded.warmUp), the other shards \(ran.duration) with \(ran.warmUp)")
                    throw ExitCode.invalidInput
                }
                try ShardFile.check(decoded.outcomes, against: scenario, file: shard)
                ran = (decoded.duration, decoded.warmUp)
                outcomes += decoded.outcomes
            } catch let error as ShardFile.MergeError {
                printError("error: \(error)")
                throw ExitCode.invalidInput
            }
        }
        outcomes.sort { $0.index < $1.index }
        guard outcomes.map(\.index) == Array(0..<outcomes.count) else {
            printError("error: the shards do not hold replications 0…\(outcomes.count - 1) exactly once")
            throw ExitCode.invalidInput
        }
        if let ran { (scenario.duration, scenario.warmUp) = ran }
        scenario.replications = .fixed(outcomes.count)
        let result = ScenarioRun(scenario: scenario, jobs: 1).analyze(outcomes)
        var output = AtomicOutput(directory: URL(fileURLWithPath: out ?? "notebooks-out/\(scenario.name)"))
        for file in ReportFiles.render(result) { output.add(file.name, file.contents) }
        try output.commit()
        print(SummaryText.render(result))
        if !result.passed { throw ExitCode.expectationFailed }
    }
}
