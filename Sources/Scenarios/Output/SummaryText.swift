import Reliability
/// The readable summary `nines run` prints.
public enum SummaryText {
    public static func render(_ result: ScenarioResult) -> String {
        let s = result.scenario
        // The answer first: the headline, then what the downtime came from.
        var lines = result.headline.map { [$0.text] } ?? []
        lines += DowntimeCauseReport.lines(result.replicationCauses)
        lines += [
            "\(s.name): " + (result.rareEvent.map { "\($0.estimate.cycles) rare-event cycles" }
                ?? "\(result.outcomes.count) replications of \(s.duration)") + ", seed \(s.seed), digest \(ReportFiles.hex(result.digest))",
            "",
        ]
        let p = result.policy
        lines.append("intervals: \(Headline.percent(p.perComparisonLevel)) each, \(Headline.percent(p.familyConfidence)) family-wise "
            + "over \(p.comparisons) comparison\(p.comparisons == 1 ? "" : "s") (Bonferroni); \"agrees\" needs ±\(Headline.percent(p.relativePrecision)) on the small number")
        let table = [["metric", "empirical", "interval", "analytic", "verdict", "model"]] + result.rows.map { row in
            [row.metric, n(row.empirical), "\(n(row.lower)) … \(n(row.upper))", row.analytic.map(n) ?? "—",
             row.verdictText, row.model]
        }
        let widths = (0..<6).map { c in table.map { $0[c].count }.max() ?? 0 }
        for row in table {
            lines.append(row.enumerated().map { $1.padding(toLength: widths[$0]) }.joined(separator: "  "))
        }
        let reasons = result.rows.filter { $0.reason != nil }
        if !reasons.isEmpty {
            lines.append("")
            for row in reasons { lines.append("\(row.metric) (\(row.model)): \(row.verdictText): \(row.reason!)") }
        }
        if let rare = result.rareEvent {
            lines.append("")
            lines += RareEventReport.lines(rare)
        }
        if let chi = result.chiSquare {
            lines.append("")
            lines.append("chi-square vs \(chi.model): \(n(chi.statistic)) on \(chi.degreesOfFreedom) df, p = \(n(chi.pValue)) vs α = \(NumberFormat.significant(chi.alpha, digits: 3)) (\(chi.verdict.rawValue))")
        }
        lines.append("")
        for check in result.checks { lines.append("\(check.passed ? "✔" : "✘") \(check.name): \(check.detail)") }
        return lines.joined(separator: "\n")
    }

    static func n(_ x: Double) -> String { NumberFormat.significant(x, digits: 8) }
}

extension String {
    func padding(toLength length: Int) -> String { self + String(repeating: " ", count: max(0, length - count)) }
}
