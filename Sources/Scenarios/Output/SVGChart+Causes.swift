extension SVGChart {
    /// Downtime by cause: one bar per cause, its length the minutes of downtime per year, the
    /// interval as a whisker, the share of the down time written beside it.
    static func causes(_ causes: [DowntimeCause]) -> String {
        guard !causes.isEmpty else {
            return frame(height: 30, "<text class=\"empty\" x=\"4\" y=\"20\">no downtime measured: no cause to draw</text>")
        }
        let rowHeight = 24.0, left = 230.0, right = width - 70, top = 8.0
        let high = max(causes.map { $0.minutesPerYear.upper }.max() ?? 0, causes.map { $0.minutesPerYear.estimate }.max() ?? 0)
        let ticks = Ticks.linear(0, high > 0 ? high : 1, count: 4)
        let axisMax = max(ticks.last ?? 1, 1e-12)
        let x = { (v: Double) in left + min(max(v, 0), axisMax) / axisMax * (right - left) }
        var body = ""
        for (i, cause) in causes.enumerated() {
            let y = top + Double(i) * rowHeight
            let m = cause.minutesPerYear
            body += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\">\(Markup.escape(cause.label.text))</text>"
            body += "<rect class=\"mark\" x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(max(x(m.estimate) - left, 0.8)))\" "
                + "height=\"14\" fill=\"\(palette.measured)\"/>"
            body += "<line x1=\"\(f(x(m.lower)))\" x2=\"\(f(x(m.upper)))\" y1=\"\(f(y + 10))\" y2=\"\(f(y + 10))\" stroke=\"#24292f\"/>"
            body += "<text x=\"\(f(x(max(m.upper, m.estimate)) + 4))\" y=\"\(f(y + 14))\" fill=\"#57606a\">"
                + "\(label(cause.share * 100))%</text>"
        }
        let axis = top + Double(causes.count) * rowHeight + 2
        body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(axis))\" y2=\"\(f(axis))\" stroke=\"#8c959f\"/>"
        for tick in ticks where tick <= axisMax {
            body += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(axis))\" y2=\"\(f(axis + 4))\" stroke=\"#8c959f\"/>"
            body += "<text x=\"\(f(x(tick)))\" y=\"\(f(axis + 15))\" text-anchor=\"middle\">\(label(tick))</text>"
        }
        body += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(axis + 30))\" text-anchor=\"middle\">downtime (minutes per year) · "
            + "bar: estimate, line: interval, %: share of the down time</text>"
        return frame(height: axis + 36, body)
    }
}
