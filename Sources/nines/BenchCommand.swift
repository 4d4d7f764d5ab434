import ArgumentParser
import Simulation

/// `nines bench`: the kernel benchmarks (PHOLD and the hold model), the network's send/deliver path
/// (messages) and the whole protocol stack (cluster), timed with a monotonic clock.
///
/// Wall time and memory are read here, at the CLI edge; the kernel and network models are pure and
/// live in `Simulation/Benchmarks` so the tests can check what they compute. Run them together so
/// the ratios of the protocol paths to the kernel hold on a shared or different machine.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the kernel (PHOLD, hold), the message path (messages) and a whole cluster (cluster).",
        discussion: """
            Kernel: time unit nanoseconds, every delay exponential with mean 1 s; only the steady-state \
            run is timed (filling the queue is setup). messages: 16 relays passing 64 tokens over \
            connections, --events deliveries. cluster: one replication of the quickstart design over \
            --days simulated days (events/s and simulated days/s). Build with -c release.
            """)

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    @Option(help: "Events to handle in each kernel or messages run (the cluster runs --days).")
    var events = 10_000_000

    @Option(help: "Runs of each benchmark; reports the best and the median events/s.")
    var runs = 1

    @Option(help: "Root seed of the benchmark models.")
    var seed: UInt64 = 1

    @Option(help: "Simulated days of the cluster benchmark (warm-up of 2 h included).")
    var days = 4

    @Option(help: "Run only the benchmarks with this name (phold, hold, messages or cluster); repeatable.")
    var only: [String] = []

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive, found \(events)") }
        guard runs > 0 else { throw ValidationError("--runs must be positive, found \(runs)") }
        guard days > 0 else { throw ValidationError("--days must be positive, found \(days)") }
        for name in only where !BenchCase.names.contains(name) {
            throw ValidationError("--only: unknown benchmark '\(name)'; expected phold, hold, messages or cluster")
        }
    }

    func run() throws {
        let cases = BenchCase.all(days: days).filter { only.isEmpty || only.contains($0.name) }
        if !json { print(BenchReport.tableHeader) }
        for benchCase in cases {
            let report = measure(benchCase)
            print(json ? report.jsonLine : report.tableRow)
        }
    }

    /// Runs one benchmark `runs` times, each in a fresh simulator.
    func measure(_ benchCase: BenchCase) -> BenchReport {
        PeakMemory.reset()
        var wallRates: [Double] = [], cpuRates: [Double] = [], seconds: [Double] = []
        var last = BenchCase.Outcome(events: 0, finalTime: .zero)
        var daysPerSecond: [Double] = []
        for _ in 0..<runs {
            let clock = ContinuousClock()
            var elapsed = Duration.zero
            var cpuSeconds = 0.0
            last = benchCase.run(events: events, seed: seed) { body in
                let cpuStart = ProcessCPUClock.seconds()
                elapsed = clock.measure(body)
                cpuSeconds = ProcessCPUClock.seconds() - cpuStart
            }
            let s = elapsed.secondsValue
            seconds.append(s)
            wallRates.append(Double(last.events) / s)
            cpuRates.append(Double(last.events) / max(cpuSeconds, 1e-9))
            if let days = last.simulatedDays { daysPerSecond.append(days / s) }
        }
        let best = wallRates.indices.max { wallRates[$0] < wallRates[$1] }!
        return BenchReport(
            benchCase: benchCase, events: last.events, seconds: seconds[best], bestRate: wallRates[best],
            medianRate: Histogram(samples: wallRates).quantile(0.5)!, bestCPURate: cpuRates.max()!,
            medianCPURate: Histogram(samples: cpuRates).quantile(0.5)!,
            runs: runs, peakMemoryBytes: PeakMemory.bytes(), finalTime: last.finalTime,
            simulatedDays: last.simulatedDays, bestDaysPerSecond: daysPerSecond.max(), digest: last.digest)
    }
}
