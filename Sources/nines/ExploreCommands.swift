import ArgumentParser
import Foundation
import Scenarios
import Simulation

/// Loads a scenario for exploration, with its JSON for writing replays, or exits 2 with the error
/// (or if `runs` runs of it are more work than `workLimit` allows).
func loadExplorer(_ file: String, runs: Int, workLimit: WorkLimitOptions) throws -> (Explorer, JSONValue) {
    let scenario = try loadScenario(file)
    try workLimit.check(scenario, file: file, replications: runs)
    do {
        // The file just loaded; its text parses again as the source a replay scenario is written from.
        let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
        return (try Explorer(scenario: scenario), try JSONParser.parse(text).value)
    } catch {
        printError("error: \(error)")
        throw ExitCode.invalidInput
    }
}

/// `nines explore`: random fault schedules (swarm testing), reporting each violating seed.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run random fault schedules (swarm testing) and report the seeds that violate an invariant.")

    @Argument(help: "The scenario file (kind ensemble or cluster).") var file: String
    @Option(help: "Schedules to try.") var runs = 100
    @Option(help: "Stop starting new runs after this much wall time, e.g. 5m.") var timeBudget: String?
    @Option(help: "Runs in parallel (default: every core); the report is the same for any value.") var jobs: Int?
    @OptionGroup var workLimit: WorkLimitOptions

    func run() throws {
        let (explorer, _) = try loadExplorer(file, runs: runs, workLimit: workLimit)
        let budget = try timeBudget.map { text -> Double in
            guard let d = SimDuration(text) else { throw ValidationError("--time-budget: expected a duration such as 5m, found \"\(text)\"") }
            return d.seconds
        }
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs >= 1 else { throw ValidationError("--jobs: expected ≥ 1, found \(jobs)") }
        let start = ContinuousClock.now
        var violating: [UInt64] = []
        var done = 0
        // Batches of `jobs` runs, so the time budget is checked between batches.
        while done < runs {
            if let budget, (ContinuousClock.now - start).secondsValue > budget { break }
            let batch = explorer.explore(done..<min(runs, done + jobs), jobs: jobs)
            done += batch.count
            for run in batch {
                guard let first = run.outcome.violations.first else { continue }
                violating.append(run.seed)
                let kinds = run.schedule.enabledKinds.map(\.rawValue).joined(separator: ", ")
                print("VIOLATION seed \(run.seed) (\(run.schedule.timeline.count) faults: \(kinds)): \(first)")
                print("  replay: nines replay \(file) --seed \(run.seed) --trace")
                print("  shrink: nines shrink \(file) --seed \(run.seed) --write \(explorer.scenario.name)-seed-\(run.seed).json")
            }
        }
        print("\(done) schedules, \(violating.count) violating")
        if !violating.isEmpty { throw ExitCode.expectationFailed }
    }
}

/// `nines shrink`: reduces a violating schedule to a minimal one, optionally as a scenario file.
struct ShrinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shrink", abstract: "Shrink the fault schedule of a violating seed and write it as a scenario.")

    @Argument(help: "The scenario file explored.") var file: String
    @Option(help: "The violating seed `nines explore` printed.") var seed: UInt64
    @Option(help: "Write the shrunk schedule as a scenario file here.") var write: String?
    @Option(help: "Most replays to spend.") var budget = 300
    @OptionGroup var workLimit: WorkLimitOptions

    func run() throws {
        if let write { try OutputTarget.checkFile(write) }  // refused before spending the replays
        let (explorer, source) = try loadExplorer(file, runs: 1, workLimit: workLimit)
        let schedule = explorer.schedule(seed: seed).timeline
        guard !explorer.run(seed: seed, faults: schedule).violations.isEmpty else {
            printError("error: seed \(seed) does not violate any invariant of \(file)")
            throw ExitCode.invalidInput
        }
        let (minimal, replays) = explorer.shrink(seed: seed, faults: schedule, budget: budget)
        print("shrunk \(schedule.count) faults to \(minimal.count) in \(replays) replays:")
        for entry in minimal { print("  " + JSONWriter.compact(explorer.faultJSON(entry))) }
        if let write {
            try AtomicFile(path: write).write(explorer.scenarioJSON(seed: seed, faults: minimal, source: source))
            print("wrote \(write): `nines run \(write)` replays it")
        }
    }
}

/// `nines replay`: runs one explored seed again, optionally printing its full trace.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run an explored seed again with its fault schedule, or one replication of the scenario; --trace prints every event.",
        discussion: "--seed S replays `nines explore`'s run with that seed; --replication I runs replication I of the "
            + "scenario as `nines run` does (its seed, its scripted faults), as `nines check` says to reproduce a failure.")

    @Argument(help: "The scenario file.") var file: String
    @Option(help: "The explored seed to replay.") var seed: UInt64?
    @Option(help: "The scenario's replication to run again.") var replication: Int?
    @Flag(help: "Print the full trace.") var trace = false
    @OptionGroup var workLimit: WorkLimitOptions

    func validate() throws {
        guard (seed == nil) != (replication == nil) else { throw ValidationError("pass exactly one of --seed and --replication") }
        if let replication, replication < 0 { throw ValidationError("--replication: expected ≥ 0, found \(replication)") }
    }

    func run() throws {
        var records: [TraceRecord] = []
        var digest: UInt64 = 0
        let keep = { (t: Trace) in
            records = t.records
            digest = t.digest
        }
        let outcome: ReplicationOutcome
        let header: String
        if let seed {
            let (explorer, _) = try loadExplorer(file, runs: 1, workLimit: workLimit)
            let schedule = explorer.schedule(seed: seed)
            outcome = explorer.run(seed: seed, faults: schedule.timeline, trace: keep)
            header = "seed \(seed): \(schedule.timeline.count) faults"
        } else {
            let scenario = try loadScenario(file)
            try workLimit.check(scenario, file: file, replications: 1)
            let index = replication ?? 0
            var runner = ReplicationRunner(scenario: scenario, jobs: 1)
            runner.file = file
            guard let traced = runner.replicate(index, trace: keep) else {
                printError("error: \(file): a components scenario has no hosts to trace; `nines run` reproduces it")
                throw ExitCode.invalidInput
            }
            outcome = traced
            header = "replication \(index) (seed \(outcome.seed))"
        }
        if trace {
            for r in records {
                print("\(r.time)\t\(r.host.map { "\($0)" } ?? "-")\t\(r.event)\t\(r.detail)")
            }
        }
        print("\(header), \(outcome.events) events, digest \(String(digest, radix: 16))")
        for v in outcome.violations { print("VIOLATION \(v)") }
        if !outcome.violations.isEmpty { throw ExitCode.expectationFailed }
    }
}
