/// The unit of a metric's values, as the `unit` column of `comparison.csv` names it (docs/outputs.md).
enum MetricUnit: String {
    /// A fraction of time or of events, in [0, 1].
    case fraction
    /// Events per simulated day.
    case perDay = "per_day"
    case seconds
    case count

    /// The unit of a metric key: fractions are marked on their ``MetricID``; the others say their
    /// unit last in their key (`failovers_per_day`, `workload_submit_seconds`). `failover_coverage`
    /// is a row without a per-replication metric, and a fraction.
    static func of(_ key: String, in ids: [MetricID]) -> MetricUnit {
        if ids.first(where: { $0.key == key })?.isFraction == true || key == "failover_coverage" { return .fraction }
        if key.hasSuffix("_per_day") { return .perDay }
        if key.hasSuffix("_seconds") { return .seconds }
        return .count
    }
}
