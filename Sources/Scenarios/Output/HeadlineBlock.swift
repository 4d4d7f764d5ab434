import Reliability

/// The answer first, beyond one line: the headline's five quantities, each with its interval, in
/// the HTML report and the notebook (the same rows in both).
enum HeadlineBlock {
    /// (quantity, estimate, interval) rows; with no outage observed the estimate column gives the bound.
    static func rows(_ h: Headline) -> [(name: String, value: String, interval: String)] {
        // Four significant digits, whole numbers from 1000 up (14602, not 1.46e+04), as the headline line.
        func g(_ x: Double) -> String { x >= 1000 && x < 1e15 ? String(Int(x.rounded())) : NumberFormat.significant(x, digits: 4) }
        func range(_ low: Double?, _ high: Double?) -> String { "\(low.map(g) ?? "?") … \(high.map(g) ?? "?")" }
        let year = h.downtimeMinutesPerYearInterval, month = h.downtimeMinutesPer30DaysInterval
        if h.noOutageObserved {
            let none = "no outage observed"
            return [
                ("availability", h.upper.map { "≥ " + NumberFormat.significant(1 - $0, digits: 8) } ?? "unbounded", none),
                ("unavailability U", h.upper.map { "≤ " + g($0) } ?? "unbounded", none),
                ("nines", h.ninesInterval.lower.map { "≥ " + g($0) } ?? "unbounded", none),
                ("downtime per year (min)", year.upper.map { "≤ " + g($0) } ?? "unbounded", none),
                ("downtime per 30 days (min)", month.upper.map { "≤ " + g($0) } ?? "unbounded", none),
            ]
        }
        let n = h.ninesInterval
        return [
            ("availability", NumberFormat.significant(h.availability, digits: 8),
             "\(h.upper.map { NumberFormat.significant(1 - $0, digits: 8) } ?? "?") … \(NumberFormat.significant(1 - h.lower, digits: 8))"),
            ("unavailability U", g(h.unavailability), range(h.lower, h.upper)),
            ("nines", g(h.nines ?? 0), n.upper == nil ? "at least \(n.lower.map(g) ?? "?")" : range(n.lower, n.upper)),
            ("downtime per year (min)", g(h.downtimeMinutesPerYear), range(year.lower, year.upper)),
            ("downtime per 30 days (min)", g(h.downtimeMinutesPer30Days), range(month.lower, month.upper)),
        ]
    }

    /// What the intervals are: level, method, outages and measured time.
    static func note(_ h: Headline) -> String {
        "Intervals: \(h.levelText) confidence, \(h.method); \(h.outages) outage\(h.outages == 1 ? "" : "s") in "
            + "\(Headline.duration(h.observedSeconds)) measured."
    }

    static func html(_ h: Headline) -> String {
        let e = Markup.escape
        var html = "<table class=answer><tr><th class=name>the answer</th><th>estimate</th><th>interval</th></tr>\n"
        for row in rows(h) {
            html += "<tr><td>\(e(row.name))</td><td><b>\(e(row.value))</b></td><td>\(e(row.interval))</td></tr>\n"
        }
        return html + "</table>\n<p class=muted>\(e(note(h)))</p>\n"
    }

    static func markdown(_ h: Headline) -> String {
        var text = "| the answer | estimate | interval |\n|---|---:|---:|\n"
        for row in rows(h) { text += "| \(row.name) | **\(row.value)** | \(row.interval) |\n" }
        return text + "\n" + note(h) + "\n"
    }
}
