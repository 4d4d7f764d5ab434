import ArgumentParser
import Foundation
import Scenarios
import Simulation

/// `nines fuzz`: a seeded mutational campaign on the readers, for a longer search than CI's.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed mutated scenario and definition files to the readers; a crash ends the process (and names the input).",
        discussion: """
            Input i of seed s is always the same bytes: `nines fuzz --target T --seed s --show i` prints it.
            Accepted scenarios are run briefly (--runs of them, two replications of at most --run-duration).
            """)

    @Option(help: "scenario, json, definition, or all.") var target = "all"
    @Option(help: "Inputs per target.") var inputs = 10_000
    @Option(help: "The campaign's seed.") var seed: UInt64 = 1
    @Option(help: "Accepted scenarios to run, per target.") var runs = 0
    @Option(help: "Longest simulated duration of a run.") var runDuration = "1h"
    @Option(help: "Folder of scenario files to mutate (workflows/ inside it holds the definitions).") var corpus = "scenarios"
    @Option(help: "Print input i of --target and exit.") var show: Int?

    func run() throws {
        guard let duration = SimDuration(runDuration), duration > .zero else {
            throw ValidationError("--run-duration: expected a duration such as 1h, found \"\(runDuration)\"")
        }
        let targets = target == "all" ? FuzzTarget.allCases : [FuzzTarget(rawValue: target)].compactMap { $0 }
        guard !targets.isEmpty else { throw ValidationError("--target: expected scenario, json, definition or all") }
        guard inputs >= 0, runs >= 0 else { throw ValidationError("--inputs and --runs: expected ≥ 0") }
        for target in targets {
            let (mutator, file) = try Self.mutator(for: target, corpus: corpus)
            if let show {
                FileHandle.standardOutput.write(Data(mutator.input(seed: seed, index: show)))
                return
            }
            campaign(target, mutator, file: file, duration: duration)
        }
    }

    /// The corpus of a target, and the file name inputs are read as (inside the corpus folder, so references resolve).
    static func mutator(for target: FuzzTarget, corpus: String) throws -> (Mutator, String) {
        let folder = target == .definition ? corpus + "/workflows" : corpus
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .filter { target == .definition ? ($0.hasSuffix(".xml") || $0.hasSuffix(".json")) : $0.hasSuffix(".json") }
        let files = names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map(Array.init) }
        guard !files.isEmpty else { throw ValidationError("--corpus: no input files in \(folder)") }
        return (Mutator(corpus: files), folder + "/fuzz-input" + (target == .definition ? ".xml" : ".json"))
    }

    private func campaign(_ target: FuzzTarget, _ mutator: Mutator, file: String, duration: SimDuration) {
        let start = ContinuousClock.now
        var accepted = 0, unnamed = 0, ran = 0, slowest = (index: 0, seconds: 0.0), slowestRun = (index: 0, seconds: 0.0)
        for index in 0..<inputs {
            let began = ContinuousClock.now
            switch target.feed(mutator.input(seed: seed, index: index), file: file) {
            case .rejected(let message): if !message.hasPrefix(file) { unnamed += 1 }
            case .accepted(let scenario):
                accepted += 1
                if let scenario, ran < runs {
                    let runBegan = ContinuousClock.now
                    _ = FuzzTarget.run(scenario, atMost: duration)
                    ran += 1
                    let seconds = (ContinuousClock.now - runBegan).secondsValue
                    if seconds > slowestRun.seconds { slowestRun = (index, seconds) }
                }
            }
            let seconds = (ContinuousClock.now - began).secondsValue
            if seconds > slowest.seconds { slowest = (index, seconds) }
            if (index + 1) % 10_000 == 0 { printError("fuzz \(target.rawValue): \(index + 1) inputs") }
        }
        let elapsed = (ContinuousClock.now - start).secondsValue
        print("""
            fuzz \(target.rawValue) seed \(seed): \(inputs) inputs in \(String(format: "%.1f", elapsed)) s \
            (\(String(format: "%.0f", Double(inputs) / max(elapsed, 1e-9))) inputs/s), \(accepted) accepted, \
            \(inputs - accepted) rejected (\(unnamed) without the file name), \(ran) runs, 0 crashes; \
            slowest input #\(slowest.index) \(String(format: "%.2f", slowest.seconds)) s, \
            slowest run #\(slowestRun.index) \(String(format: "%.2f", slowestRun.seconds)) s; \
            peak memory \(PeakMemory.bytes() >> 20) MiB
            """)
    }
}
