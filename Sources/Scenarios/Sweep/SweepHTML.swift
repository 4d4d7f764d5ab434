import Foundation

/// `sweep.html`: the variants side by side. Inline CSS and SVG, no scripts, the same bytes for the
/// same results.
enum SweepHTML {
    static let modelColors = ["#d1242f", "#8250df", "#bc4c00", "#1a7f37", "#57606a"]

    static func render(_ report: SweepReport) -> String {
        let e = Markup.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Nines sweep</title>
            <style>
            body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#24292f;padding:0 1em}
            table{border-collapse:collapse;margin:.6em 0;font-size:13px} td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}
            th{background:#f6f8fa} td:first-child,th:first-child{text-align:left} .muted{color:#57606a}
            </style></head><body>
            <h1>\(e(report.sweep.variants.first?.scenario.name ?? "sweep")): \(report.rows.count) variants</h1>
            <p class=muted>Service unavailability measured (blue: mean over replications and its interval) against
            each analytic model's prediction, per variant.</p>

            """
        html += chart(report) + "\n"
        html += "<table><tr><th>variant</th><th>unavailability</th><th>interval</th><th>nines</th>"
            + "<th>downtime min/year</th><th>downtime min/30 d</th>"
            + report.modelKeys.map { "<th>model \(e($0))</th>" }.joined() + "</tr>\n"
        for row in report.rows {
            html += "<tr><td>\(e(row.label))</td><td>\(report.n(row.unavailability))</td>"
                + "<td>\(report.n(row.lower)) … \(report.n(row.upper))\(report.level(row))</td>"
                + "<td>\(SweepReport.nines(row.unavailability).map { report.n($0) } ?? "∞")</td>"
                + "<td>\(report.n(row.unavailability * SweepReport.minutesPerYear))</td>"
                + "<td>\(report.n(row.unavailability * SweepReport.minutesPer30Days))</td>"
                + report.modelKeys.map { key in "<td>\(row.models.first { $0.key == key }.map { report.n($0.value) } ?? "—")</td>" }
                .joined() + "</tr>\n"
        }
        html += "</table>\n"
        if !report.phaseNames.isEmpty {
            html += "<h2>Failover phases per variant (mean, seconds)</h2>\n<table><tr><th>variant</th>"
                + report.phaseNames.map { "<th>\(e($0)) s</th>" }.joined() + "</tr>\n"
            for row in report.rows {
                html += "<tr><td>\(e(row.label))</td>" + report.phaseNames.map { name in
                    "<td>\(row.phases.first { $0.name == name }?.meanSeconds.map { report.n($0) } ?? "no samples")</td>"
                }.joined() + "</tr>\n"
            }
            html += "</table>\n"
        }
        return html + "<p class=muted>Written by \(e(BuildInfo.description)).</p>\n</body></html>\n"
    }

    /// Intervals and model marks per variant on a linear axis from 0, with ticks, axis titles and a legend.
    static func chart(_ report: SweepReport) -> String {
        let f = SVGChart.f
        let width = SVGChart.width, left = 80.0, right = width - 20, top = 30.0, bottom = 250.0
        let height = bottom + 40 + Double(report.rows.count) * 14
        let values = report.rows.flatMap { [$0.upper, $0.unavailability] + $0.models.map(\.value) }.filter(\.isFinite)
        let high = max(values.max() ?? 0, 1e-12) * 1.1
        let ticks = Ticks.linear(0, high)
        let top0 = ticks.last ?? high
        let y = { (v: Double) in bottom - min(max(v, 0), top0) / top0 * (bottom - top) }
        let slot = (right - left) / Double(max(report.rows.count, 1))
        var body = "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\" "
            + "text-anchor=\"middle\">service unavailability (fraction of time)</text>"
        for tick in ticks {
            body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#eaeef2\"/>"
            body += "<text x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(SVGChart.label(tick))</text>"
        }
        for (i, row) in report.rows.enumerated() where row.unavailability.isFinite {
            let x = left + (Double(i) + 0.5) * slot
            body += "<line class=\"mark\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(y(row.lower)))\" y2=\"\(f(y(row.upper)))\" "
                + "stroke=\"\(SVGChart.palette.measured)\" stroke-width=\"4\"/>"
            body += "<circle class=\"mark\" cx=\"\(f(x))\" cy=\"\(f(y(row.unavailability)))\" r=\"4\" fill=\"\(SVGChart.palette.measured)\"/>"
            for model in row.models {
                let color = modelColors[(report.modelKeys.firstIndex(of: model.key) ?? 0) % modelColors.count]
                body += "<line x1=\"\(f(x - 12))\" x2=\"\(f(x + 12))\" y1=\"\(f(y(model.value)))\" y2=\"\(f(y(model.value)))\" "
                    + "stroke=\"\(color)\" stroke-width=\"2\"/>"
            }
            body += "<text x=\"\(f(x))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(i + 1)</text>"
        }
        body += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 30))\" text-anchor=\"middle\">variant</text>"
        // Legend: the measurement, each model by its key, then what each variant number is.
        var legendX = left
        for (name, color) in [("measured (interval)", SVGChart.palette.measured)]
            + report.modelKeys.enumerated().map({ ($1, modelColors[$0 % modelColors.count]) }) {
            body += "<rect x=\"\(f(legendX))\" y=\"8\" width=\"12\" height=\"4\" fill=\"\(color)\"/>"
                + "<text x=\"\(f(legendX + 16))\" y=\"14\">\(Markup.escape(name))</text>"
            legendX += 24 + Double(name.count) * 6.5
        }
        for (i, row) in report.rows.enumerated() {
            body += "<text x=\"\(f(left))\" y=\"\(f(bottom + 48 + Double(i) * 14))\">\(i + 1): \(Markup.escape(row.label))</text>"
        }
        return SVGChart.frame(height: height, body)
    }
}
