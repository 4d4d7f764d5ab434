import Reliability
import Foundation
import Simulation

/// The self-contained HTML report: inline CSS and SVG, no scripts, readable offline.
enum HTMLReport {
    static func render(_ result: ScenarioResult) -> String {
        let s = result.scenario
        let e = Markup.escape
        let service = result.rows.first { $0.metric == "service_availability" }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Nines — \(e(s.name))</title>
            <style>
            body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#24292f;padding:0 1em}
            h1{font-size:1.6em;margin-bottom:.2em} h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #d0d7de}
            table{border-collapse:collapse;margin:.6em 0;font-size:13px} td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}
            th{background:#f6f8fa} td:first-child,th:first-child,td.name,th.name{text-align:left}
            .agrees{color:#1a7f37;font-weight:600}.disagrees{color:#cf222e;font-weight:600}.inconclusive{color:#9a6700;font-weight:600}
            .pass{color:#1a7f37}.fail{color:#cf222e} .muted{color:#57606a} .big{font-size:1.4em}
            </style></head><body>
            <h1>\(e(s.name))</h1>
            \(result.headline.map { "<p class=big><b>\(e($0.text))</b></p>\n" + HeadlineBlock.html($0) } ?? "")
            \(result.attributesDowntime ? DowntimeCauseReport.html(result) : "")
            <p class="muted">\(e(s.description))</p>
            <p class="big">\(result.passed ? "<span class=pass>✔ every expectation holds</span>" : "<span class=fail>✘ an expectation failed</span>")</p>
            <p>Seed \(s.seed) · \(result.outcomes.count) replications of \(s.duration) (warm-up \(s.warmUp)) ·
            \(result.outcomes.reduce(0) { $0 + $1.events }) events · digest <code>\(ReportFiles.hex(result.digest))</code></p>

            """
        if let service {
            html += "<p>Service availability against the model: "
                + (service.analytic.map { "model \(NumberFormat.significant($0, digits: 8)) (\(e(service.model))) — " } ?? "")
                + "<span class=\(service.verdictText)>\(service.verdictText)</span>.</p>\n"
        }
        html += "<h2>Empirical against analytic</h2>\n"
        let p = result.policy
        html += "<p class=muted>Blue: the estimate and its interval. Red: the analytic model. Intervals are "
            + "\(Headline.percent(p.perComparisonLevel)) each, \(Headline.percent(p.familyConfidence)) family-wise (Bonferroni over "
            + "\(p.comparisons) comparisons); \"agrees\" needs ±\(Headline.percent(p.relativePrecision)) on the small number "
            + "(the unavailability, not the availability). Hover a verdict for its reason.</p>\n"
        html += SVGChart.intervals(result.rows, ids: ReplicationRunner.metricIDs(of: result.scenario.system))
            + "\n<table><tr><th>metric</th><th class=name>model</th><th>empirical</th>"
            + "<th>interval</th><th>method</th><th>analytic</th><th>difference</th><th>verdict</th></tr>\n"
        for row in result.rows {
            html += "<tr><td title=\"\(e(row.title))\">\(e(row.metric))</td><td class=name title=\"\(e(row.modelKey))\">\(e(row.model))</td>"
                + "<td>\(n(row.empirical))</td>"
                + "<td>\(n(row.lower)) … \(n(row.upper))</td><td>\(e(row.method))</td><td>\(row.analytic.map(n) ?? "")</td>"
                + "<td>\(row.difference.map(n) ?? "")</td><td class=\(row.verdictText) title=\"\(e(row.reason ?? ""))\">"
                + "\(row.verdictText)</td></tr>\n"
        }
        html += "</table>\n"
        if !result.occupancy.isEmpty {
            html += "<h2>State occupancy: time with k down</h2>\n<p class=muted>Bars: measured. Red: binomial. "
                + "Dashed: birth–death chain with shared repair crews (where it differs). Log scale. Intervals: "
                + "\(Headline.percent(s.analysis.confidence)) each, not family-adjusted (no verdict), \(e(result.occupancy[0].method)).</p>\n"
                + SVGChart.occupancy(result.occupancy) + "\n<table><tr><th>down</th><th>empirical</th><th>interval</th>"
                + "<th>binomial</th><th>birth–death</th></tr>\n"
            for row in result.occupancy {
                html += "<tr><td>\(row.down)</td><td>\(n(row.empirical))</td><td>\(n(row.lower)) … \(n(row.upper))</td>"
                    + "<td>\(n(row.binomial))</td><td>\(n(row.birthDeath))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let chi = result.chiSquare {
            html += "<p>Chi-square goodness of fit of \(chi.samples) spaced samples against the \(e(chi.model)): "
                + "χ² = \(n(chi.statistic)) on \(chi.degreesOfFreedom) degrees of freedom, p = \(n(chi.pValue)) against "
                + "α = \(n(chi.alpha)) (inside the family) — "
                + "<span class=\(chi.verdict.rawValue)>\(chi.verdict.rawValue)</span>.</p>\n"
        }
        html += "<h2>Timeline of replication 0</h2>\n"
            + SVGChart.timeline(result.outcomes.first?.timeline ?? [], duration: s.duration.seconds) + "\n"
        html += "<h2>Outage durations</h2>\n" + SVGChart.histogram(result.outcomes.flatMap(\.outageSeconds)) + "\n"
        html += phases(result)
        html += "<h2>Running estimate of service availability</h2>\n<p class=muted>Student t intervals over the "
            + "replications so far, \(Headline.percent(s.analysis.confidence)), not family-adjusted.</p>\n"
            + SVGChart.running(result.running.map { ($0.mean, $0.lower, $0.upper) }, analytic: service?.analytic) + "\n"
        html += "<h2>Expectations</h2>\n<table><tr><th>expectation</th><th>result</th><th>detail</th></tr>\n"
        for check in result.checks {
            html += "<tr><td>\(e(check.name))</td><td class=\(check.passed ? "pass" : "fail")>\(check.passed ? "holds" : "fails")</td>"
                + "<td>\(e(check.detail))</td></tr>\n"
        }
        html += "</table>\n<p class=muted>Written by \(e(BuildInfo.description)). Same scenario, seed and build ⇒ the same bytes.</p>\n</body></html>\n"
        return html
    }

    /// One histogram per failover phase, with its count, mean and tail (the numbers in `summary.json`).
    static func phases(_ result: ScenarioResult) -> String {
        let phases = PhaseDurations.phases(for: result.scenario.system)
        guard !phases.isEmpty else { return "" }
        var html = "<h2>Failover phases</h2>\n"
        if let coverage = result.rows.first(where: { $0.metric == "failover_coverage" }) {
            html += "<p>Coverage <b>\(n(coverage.empirical))</b> (Wilson interval \(n(coverage.lower)) … \(n(coverage.upper)))"
                + (coverage.analytic.map { ", assumed \(n($0))" } ?? "") + ".</p>\n"
        }
        for phase in phases {
            let values = PhaseDurations.pooled(phase, result)
            let histogram = Histogram(samples: values)
            html += "<h3>\(phase.name)</h3>\n<p class=muted>\(Markup.escape(phase.title))"
            if let mean = histogram.mean, let p50 = histogram.quantile(0.5), let p99 = histogram.quantile(0.99) {
                html += " — \(values.count) samples, mean \(n(mean)) s, p50 \(n(p50)) s, p99 \(n(p99)) s"
            }
            html += "</p>\n" + SVGChart.histogram(values, noun: "\(phase.name) samples") + "\n"
        }
        return html
    }

    static func n(_ x: Double) -> String { NumberFormat.significant(x, digits: 6) }
}
