import Simulation

/// The result of one benchmark, as a table row or a JSON line.
struct BenchReport {
    let benchCase: BenchCase
    let events: Int
    /// Wall seconds of the best run.
    let seconds: Double
    let bestRate: Double
    let medianRate: Double
    /// Events per second of process CPU time: on a shared machine, what the run would do alone.
    let bestCPURate: Double
    let medianCPURate: Double
    let runs: Int
    let peakMemoryBytes: Int
    let finalTime: SimTime
    /// The cluster's measured span, its best simulated days per wall second and its trace digest.
    var simulatedDays: Double? = nil
    var bestDaysPerSecond: Double? = nil
    var digest: UInt64? = nil

    static let tableHeader =
        pad("benchmark", 24) + pad("events", 12) + pad("seconds", 10) + pad("best ev/s", 14)
        + pad("median ev/s", 14) + pad("best ev/cpu-s", 15) + pad("peak MiB", 10) + "sim days/s"

    var tableRow: String {
        let label = benchCase.name + " " + benchCase.parameters.label
        return Self.pad(label, 24) + Self.pad(String(events), 12) + Self.pad(fixed(seconds, 3), 10)
            + Self.pad(fixed(bestRate / 1e6, 2) + " M", 14) + Self.pad(fixed(medianRate / 1e6, 2) + " M", 14)
            + Self.pad(fixed(bestCPURate / 1e6, 2) + " M", 15)
            + Self.pad(fixed(Double(peakMemoryBytes) / 1_048_576, 1), 10)
            + (bestDaysPerSecond.map { fixed($0, 3) } ?? "")
    }

    /// One JSON object; keys in a fixed order.
    var jsonLine: String {
        "{\"name\":\"\(benchCase.name)\",\(benchCase.parameters.json),\"events\":\(events),"
            + "\"seconds\":\(fixed(seconds, 6)),\"events_per_second\":\(Int(bestRate.rounded())),"
            + "\"median_events_per_second\":\(Int(medianRate.rounded())),"
            + "\"events_per_cpu_second\":\(Int(bestCPURate.rounded())),"
            + "\"median_events_per_cpu_second\":\(Int(medianCPURate.rounded())),\"runs\":\(runs),"
            + "\"peak_memory_bytes\":\(peakMemoryBytes),\"final_time_ns\":\(finalTime.nanoseconds),"
            + caseMembers + "}"
    }

    /// The members only some benchmarks have: the kernel models' delay, the cluster's span.
    private var caseMembers: String {
        switch benchCase.model {
        case .phold, .hold: return "\"time_unit\":\"ns\",\"mean_delay_s\":1"
        case .messages: return "\"time_unit\":\"ns\""
        case .cluster:
            let hex = String(digest ?? 0, radix: 16)
            return "\"simulated_days\":\(fixed(simulatedDays ?? 0, 4)),"
                + "\"simulated_days_per_second\":\(fixed(bestDaysPerSecond ?? 0, 4)),"
                + "\"digest\":\"\(String(repeating: "0", count: 16 - hex.count) + hex)\""
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

/// `x` with `digits` decimals, without Foundation's locale-dependent formatting.
func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (x * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(abs(scaled - Double(whole) * scale))
    guard digits > 0 else { return String(whole) }
    let f = String(fraction)
    return String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
}
