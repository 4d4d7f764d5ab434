import ArgumentParser
import Simulation

/// `nines bench`: the kernel benchmarks (PHOLD and the hold model), timed with a monotonic clock.
///
/// Wall time and memory are read here, at the CLI edge; the models themselves are pure and live in
/// `Simulation/Benchmarks` so the tests can check what they compute.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the event kernel: PHOLD (1000 processes) and the hold model (10⁴ and 10⁶ pending).",
        discussion: """
            Time unit: nanoseconds; every delay is exponential with mean 1 s. Only the steady-state \
            run is timed (filling the queue is setup). Build with -c release for meaningful numbers.
            """)

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    @Option(help: "Events to handle in each benchmark run.")
    var events = 10_000_000

    @Option(help: "Runs of each benchmark; reports the best and the median events/s.")
    var runs = 1

    @Option(help: "Root seed of the benchmark models.")
    var seed: UInt64 = 1

    @Option(help: "Run only the benchmarks with this name (phold or hold); repeatable.")
    var only: [String] = []

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive, found \(events)") }
        guard runs > 0 else { throw ValidationError("--runs must be positive, found \(runs)") }
        for name in only where !BenchCase.all.contains(where: { $0.name == name }) {
            throw ValidationError("--only: unknown benchmark '\(name)'; expected phold or hold")
        }
    }

    func run() throws {
        let cases = BenchCase.all.filter { only.isEmpty || only.contains($0.name) }
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
        }
        let best = wallRates.indices.max { wallRates[$0] < wallRates[$1] }!
        return BenchReport(
            benchCase: benchCase, events: last.events, seconds: seconds[best], bestRate: wallRates[best],
            medianRate: Histogram(samples: wallRates).quantile(0.5)!, bestCPURate: cpuRates.max()!,
            medianCPURate: Histogram(samples: cpuRates).quantile(0.5)!,
            runs: runs, peakMemoryBytes: PeakMemory.bytes(), finalTime: last.finalTime)
    }
}
