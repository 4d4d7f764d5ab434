import Foundation
import Reliability

/// The outputs of `nines sweep` and `nines compare`: `sweep.csv` (one row per variant), `sweep.json`
/// and a self-contained `sweep.html` with the headline metric and its interval against the setting,
/// each analytic model's prediction, and the failover phases per variant.
public struct SweepReport: Sendable {
    /// One variant's numbers, as every output shows them.
    struct Row {
        var label: String
        var settings: [String]
        var replications: Int
        /// The measured service unavailability and its interval (the run's headline).
        var unavailability: Double
        var lower: Double
        var upper: Double
        /// The interval's confidence level.
        var confidence: Double?
        /// Per model key, its predicted service unavailability.
        var models: [(key: String, value: Double)]
        /// Per failover phase, its mean in seconds (nil without samples).
        var phases: [(name: String, meanSeconds: Double?)]
        var passed: Bool
    }

    let sweep: Sweep
    let rows: [Row]

    public init(sweep: Sweep, results: [ScenarioResult]) {
        precondition(sweep.variants.count == results.count, "one result per variant")
        self.sweep = sweep
        rows = zip(sweep.variants, results).map { variant, result in
            let service = result.rows.filter { $0.metric == "service_unavailability" }
            let headline = result.headline
            return Row(
                label: variant.label, settings: variant.settings, replications: result.outcomes.count,
                unavailability: headline?.unavailability ?? .nan, lower: headline?.lower ?? .nan,
                upper: headline?.upper ?? .nan, confidence: headline?.confidence,
                models: service.compactMap { row in row.analytic.map { (row.modelKey, $0) } },
                phases: PhaseDurations.phases(for: result.scenario.system).map { phase in
                    let values = PhaseDurations.pooled(phase, result)
                    return (phase.name, values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
                },
                passed: result.passed)
        }
    }

    /// Model keys and phase names over every variant, in order of first appearance.
    var modelKeys: [String] { Self.union(rows.map { $0.models.map(\.key) }) }
    var phaseNames: [String] { Self.union(rows.map { $0.phases.map(\.name) }) }

    static func union(_ lists: [[String]]) -> [String] {
        var out: [String] = []
        for list in lists { for item in list where !out.contains(item) { out.append(item) } }
        return out
    }

    static let minutesPerYear = Headline.minutesPerYear, minutesPer30Days = Headline.minutesPer30Days

    public var files: [(name: String, contents: String)] {
        [("sweep.csv", table.text), ("sweep.html", SweepHTML.render(self))]
    }

    /// `sweep.csv`: the columns of docs/outputs.md.
    var table: CSVTable {
        var table = CSVTable(header: ["variant"] + sweep.parameters + [
            "replications", "service_unavailability", "ci_lower", "ci_upper", "confidence", "nines",
            "downtime_minutes_per_year", "downtime_minutes_per_30_days",
        ] + modelKeys.map { "analytic_unavailability_\($0)" } + phaseNames.map { "\($0)_mean_seconds" } + ["expectations_hold"])
        for row in rows {
            let models = modelKeys.map { key in CSVTable.number(row.models.first { $0.key == key }?.value) }
            let phases = phaseNames.map { name in CSVTable.number(row.phases.first { $0.name == name }?.meanSeconds ?? nil) }
            table.append([row.label] + row.settings + [
                String(row.replications), CSVTable.number(row.unavailability), CSVTable.number(row.lower),
                CSVTable.number(row.upper), CSVTable.number(row.confidence), CSVTable.number(Self.nines(row.unavailability)),
                CSVTable.number(row.unavailability * Self.minutesPerYear),
                CSVTable.number(row.unavailability * Self.minutesPer30Days),
            ] + models + phases + [row.passed ? "true" : "false"])
        }
        return table
    }

    /// −log10(U): 3 for 0.999 available; nil when nothing was down.
    static func nines(_ unavailability: Double) -> Double? {
        unavailability > 0 && unavailability.isFinite ? -log10(unavailability) : nil
    }

    /// The terminal table: one line per variant.
    public var text: String {
        var lines = [["variant", "unavailability", "interval", "nines", "downtime/year"] + modelKeys.map { "model \($0)" }]
        for row in rows {
            lines.append([
                row.label, n(row.unavailability), "\(n(row.lower)) … \(n(row.upper))" + level(row),
                Self.nines(row.unavailability).map { String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), $0) } ?? "∞",
                String(format: "%.1f min", locale: Locale(identifier: "en_US_POSIX"), row.unavailability * Self.minutesPerYear),
            ] + modelKeys.map { key in row.models.first { $0.key == key }.map { n($0.value) } ?? "—" })
        }
        let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.map { $0.enumerated().map { $1.padding(toLength: widths[$0]) }.joined(separator: "  ") }
            .joined(separator: "\n")
    }

    func n(_ x: Double) -> String { x.isNaN ? "—" : NumberFormat.significant(x, digits: 4) }

    /// " (95%)": the interval's confidence level.
    func level(_ row: Row) -> String {
        row.confidence.map { " (" + NumberFormat.significant($0 * 100, digits: 4) + "%)" } ?? ""
    }
}
