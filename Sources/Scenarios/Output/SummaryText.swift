import Reliability
/// The readable summary `nines run` prints.
public enum SummaryText {
    public static func render(_ result: ScenarioResult) -> String {
        let s = result.scenario
        var lines = result.headline.map { [$0.text] } ?? []
        lines += [
            "\(s.name): \(result.outcomes.count) replications of \(s.duration), seed \(s.seed), digest \(ReportFiles.hex(result.digest))",
            "",
        ]
        let table = [["metric", "empirical", "interval", "analytic", "verdict", "model"]] + result.rows.map { row in
            [row.metric, n(row.empirical), "\(n(row.lower)) … \(n(row.upper))", row.analytic.map(n) ?? "—",
             row.verdictText, row.model]
        }
        let widths = (0..<6).map { c in table.map { $0[c].count }.max() ?? 0 }
        for row in table {
            lines.append(row.enumerated().map { $1.padding(toLength: widths[$0]) }.joined(separator: "  "))
        }
        if let chi = result.chiSquare {
            lines.append("")
            lines.append("chi-square vs \(chi.model): \(n(chi.statistic)) on \(chi.degreesOfFreedom) df, p = \(n(chi.pValue)) (\(chi.verdict.rawValue))")
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
