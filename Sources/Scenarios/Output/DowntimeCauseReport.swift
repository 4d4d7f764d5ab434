import Reliability

/// How a downtime-by-cause table is written, the replications' and the rare-event estimator's
/// alike: the `"downtime_by_cause"` array of summary.json, the terminal lines, `downtime_by_cause.csv`
/// and the report's table.
enum DowntimeCauseReport {
    static let csvHeader = [
        "cause", "label", "share_of_downtime", "unavailability", "ci_lower", "ci_upper", "confidence", "family_adjusted",
        "method", "downtime_minutes_per_year", "downtime_minutes_per_year_ci_lower", "downtime_minutes_per_year_ci_upper",
    ]

    /// How the intervals were built, in words.
    static func method(_ result: ScenarioResult) -> String {
        result.rareEvent != nil ? RareEventReport.method + ", delta method"
            : "Student t over \(result.outcomes.count) replications"
    }

    static func json(_ causes: [DowntimeCause]) -> JSONValue {
        .array(causes.map { cause in
            let (u, m) = (cause.unavailability, cause.minutesPerYear)
            return .object([
                ("cause", .string(cause.label.cause.key)), ("label", .string(cause.label.text)),
                ("share", .number(cause.share)), ("unavailability", .number(u.estimate)),
                ("ci_lower", .number(max(0, u.lower))), ("ci_upper", .number(u.upper)), ("confidence", .number(u.level)),
                ("minutes_per_year", .number(m.estimate)),
                ("minutes_per_year_interval", .array([.number(m.lower), .number(m.upper)])),
            ])
        })
    }

    static func lines(_ causes: [DowntimeCause]) -> [String] {
        guard !causes.isEmpty else { return [] }
        let level = Headline.percent(causes[0].unavailability.level)
        var lines = ["downtime by cause (\(level) intervals):"]
        let width = causes.map(\.label.text.count).max() ?? 0
        for cause in causes {
            let (u, m) = (cause.unavailability, cause.minutesPerYear)
            let share = n(cause.share * 100) + "%"
            lines.append("  \(cause.label.text.padding(toLength: width))  \(String(repeating: " ", count: max(0, 9 - share.count)))\(share) of downtime  "
                + "\(n(m.estimate)) min/year (\(n(m.lower)) … \(n(m.upper)))  U = \(n(u.estimate)) (\(n(max(0, u.lower))) … \(n(u.upper)))")
        }
        return lines
    }

    static func table(_ result: ScenarioResult) -> CSVTable {
        var table = CSVTable(header: csvHeader)
        let method = method(result)
        for cause in result.downtimeByCause {
            let (u, m) = (cause.unavailability, cause.minutesPerYear)
            table.append([
                cause.label.cause.key, cause.label.text, CSVTable.number(cause.share), CSVTable.number(u.estimate),
                CSVTable.number(max(0, u.lower)), CSVTable.number(u.upper), CSVTable.number(u.level), "false", method,
                CSVTable.number(m.estimate), CSVTable.number(m.lower), CSVTable.number(m.upper),
            ])
        }
        return table
    }

    /// The report's section: the bar chart and the table, or why there is none.
    static func html(_ result: ScenarioResult) -> String {
        let causes = result.downtimeByCause
        guard !causes.isEmpty else {
            return "<h3>Downtime by cause</h3>\n" + SVGChart.causes([]) + "\n"
        }
        let e = Markup.escape
        var html = "<h3>Downtime by cause</h3>\n<p class=muted>Each moment of outage goes to the first cause that "
            + "explains it (planned, zk quorum, database, balancer, all schedulers, failover phase, zk election, "
            + "else recovery with every part up). Intervals: \(Headline.percent(causes[0].unavailability.level)), "
            + "\(e(method(result))), not family-adjusted.</p>\n" + SVGChart.causes(causes)
            + "\n<table><tr><th class=name>cause</th><th>share of downtime</th><th>min/year</th><th>interval</th>"
            + "<th>U</th><th>interval</th></tr>\n"
        for cause in causes {
            let (u, m) = (cause.unavailability, cause.minutesPerYear)
            html += "<tr><td title=\"\(e(cause.label.cause.key))\">\(e(cause.label.text))</td><td>\(n(cause.share * 100))%</td>"
                + "<td>\(n(m.estimate))</td><td>\(n(m.lower)) … \(n(m.upper))</td><td>\(n(u.estimate))</td>"
                + "<td>\(n(max(0, u.lower))) … \(n(u.upper))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func n(_ x: Double) -> String { NumberFormat.significant(x, digits: 4) }
}
