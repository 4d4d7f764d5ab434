import Reliability
import Foundation
import Simulation

/// Small, dependency-free SVG charts for the HTML report and the notebook's rendered outputs.
/// Every number is printed with fixed precision, so the same data gives the same bytes.
enum SVGChart {
    static let width = 640.0
    static let palette = (measured: "#1f6feb", model: "#d1242f", band: "#8c959f", down: "#cf222e", up: "#2da44e")

    static func f(_ x: Double) -> String { String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), x) }
    static func label(_ x: Double) -> String { NumberFormat.significant(x, digits: 4) }
    static func frame(height: Double, _ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
            + "width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"sans-serif\" font-size=\"11\">"
            + body + "</svg>"
    }

    /// One row per (metric, model): the interval as a bar, the estimate as a dot, the model as a red
    /// tick. Each row's axis stays inside what its metric can take (≥ 0; ≤ 1 for a fraction) and has
    /// round ticks; the row is named by metric, unit, model key and verdict.
    static func intervals(_ rows: [ComparisonRow], ids: [MetricID]) -> String {
        let rowHeight = 44.0, left = 250.0, right = width - 20
        var body = "<rect x=\"\(f(left))\" y=\"2\" width=\"12\" height=\"4\" fill=\"\(palette.measured)\"/>"
            + "<text x=\"\(f(left + 16))\" y=\"8\">measured mean and interval</text>"
            + "<rect x=\"\(f(left + 200))\" y=\"0\" width=\"2\" height=\"10\" fill=\"\(palette.model)\"/>"
            + "<text x=\"\(f(left + 206))\" y=\"8\">analytic model (named on the left)</text>"
        for (i, row) in rows.enumerated() {
            let y = 30 + Double(i) * rowHeight
            let unit = MetricUnit.of(row.metric, in: ids)
            let values = [row.lower, row.upper, row.empirical] + (row.analytic.map { [$0] } ?? [])
            var low = values.min()!, high = values.max()!
            let pad = max((high - low) * 0.15, abs(high) * 1e-9, 1e-15)
            low = max(0, low - pad)
            high = unit == .fraction ? min(1, high + pad) : high + pad
            if high <= low { high = low + max(abs(low) * 1e-9, 1e-15) }
            let x = { (v: Double) in left + (min(max(v, low), high) - low) / (high - low) * (right - left) }
            body += "<text x=\"4\" y=\"\(f(y - 2))\">\(Markup.escape(row.metric)) (\(unit.rawValue))</text>"
            body += "<text x=\"4\" y=\"\(f(y + 11))\" fill=\"#57606a\">\(Markup.escape(row.modelKey)): \(row.verdictText)</text>"
            body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#d0d7de\"/>"
            for tick in Ticks.linear(low, high, count: 3) where tick >= low && tick <= high {
                body += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(y + 6))\" y2=\"\(f(y + 9))\" stroke=\"#8c959f\"/>"
                body += "<text x=\"\(f(x(tick)))\" y=\"\(f(y + 19))\" fill=\"#57606a\" text-anchor=\"middle\">\(label(tick))</text>"
            }
            body += "<line class=\"mark\" x1=\"\(f(x(row.lower)))\" x2=\"\(f(x(row.upper)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" "
                + "stroke=\"\(palette.measured)\" stroke-width=\"4\"/>"
            body += "<circle class=\"mark\" cx=\"\(f(x(row.empirical)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(palette.measured)\"/>"
            if let a = row.analytic {
                body += "<line x1=\"\(f(x(a)))\" x2=\"\(f(x(a)))\" y1=\"\(f(y - 9))\" y2=\"\(f(y + 9))\" "
                    + "stroke=\"\(palette.model)\" stroke-width=\"2\"/>"
            }
        }
        return frame(height: 30 + Double(rows.count) * rowHeight, body)
    }

    /// Time with k down on a log scale: measured bars, binomial (red) and birth–death (grey) marks.
    static func occupancy(_ rows: [OccupancyRow]) -> String {
        let height = 260.0, top = 15.0, bottom = height - 30, left = 50.0
        let positive = rows.flatMap { [$0.empirical, $0.binomial, $0.birthDeath] }.filter { $0 > 0 }
        let floorExp = floor(log10(positive.min() ?? 1e-12)), ceilExp = max(ceil(log10(positive.max() ?? 1)), floorExp + 1)
        let y = { (v: Double) in v <= 0 ? bottom : bottom - (log10(v) - floorExp) / (ceilExp - floorExp) * (bottom - top) }
        let slot = (width - left - 10) / Double(max(rows.count, 1))
        var body = ""
        for e in stride(from: floorExp, through: ceilExp, by: max(1, ((ceilExp - floorExp) / 6).rounded(.up))) {
            body += "<line x1=\"\(f(left))\" x2=\"\(f(width - 10))\" y1=\"\(f(y(pow(10, e))))\" y2=\"\(f(y(pow(10, e))))\" stroke=\"#eaeef2\"/>"
            body += "<text x=\"\(f(left - 4))\" y=\"\(f(y(pow(10, e)) + 4))\" text-anchor=\"end\">1e\(Int(e))</text>"
        }
        for (i, row) in rows.enumerated() {
            let x = left + Double(i) * slot
            body += "<rect class=\"mark\" x=\"\(f(x + slot * 0.2))\" y=\"\(f(y(row.empirical)))\" width=\"\(f(slot * 0.6))\" "
                + "height=\"\(f(bottom - y(row.empirical)))\" fill=\"\(palette.measured)\" opacity=\"0.7\"/>"
            body += "<line class=\"mark\" x1=\"\(f(x + slot * 0.1))\" x2=\"\(f(x + slot * 0.9))\" y1=\"\(f(y(row.binomial)))\" "
                + "y2=\"\(f(y(row.binomial)))\" stroke=\"\(palette.model)\" stroke-width=\"2\"/>"
            if row.birthDeath != row.binomial {
                body += "<line x1=\"\(f(x + slot * 0.1))\" x2=\"\(f(x + slot * 0.9))\" y1=\"\(f(y(row.birthDeath)))\" "
                    + "y2=\"\(f(y(row.birthDeath)))\" stroke=\"#24292f\" stroke-dasharray=\"4 2\" stroke-width=\"2\"/>"
            }
            body += "<text x=\"\(f(x + slot / 2))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(row.down) down</text>"
        }
        body += "<text x=\"12\" y=\"\(f((top + bottom) / 2))\" transform=\"rotate(-90 12 \(f((top + bottom) / 2)))\" "
            + "text-anchor=\"middle\">fraction of time (log scale)</text>"
        body += "<text x=\"\(f(width - 10))\" y=\"\(f(top + 4))\" text-anchor=\"end\">bars: measured · "
            + "<tspan fill=\"\(palette.model)\">red: binomial</tspan> · dashed: birth–death (shared crews)</text>"
        return frame(height: height + 6, body)
    }

    /// Up/down bands per subject over time, from a replication's timeline.
    static func timeline(_ entries: [TimelineEntry], duration: Double) -> String {
        var subjects: [String] = []
        for e in entries where !subjects.contains(e.subject) { subjects.append(e.subject) }
        subjects.sort()
        guard !subjects.isEmpty else {
            return frame(height: 30, "<text class=\"empty\" x=\"4\" y=\"20\">no failure, fault or outage in this replication: nothing to draw</text>")
        }
        let rowHeight = 18.0, left = 90.0, right = width - 10
        let x = { (t: Double) in left + t / max(duration, 1e-9) * (right - left) }
        var body = ""
        for (i, subject) in subjects.enumerated() {
            let y = 10 + Double(i) * rowHeight
            body += "<text x=\"4\" y=\"\(f(y + 12))\">\(Markup.escape(subject))</text>"
            body += "<rect class=\"mark\" x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(right - left))\" height=\"12\" fill=\"\(palette.up)\" opacity=\"0.25\"/>"
            var downSince: Double?
            for e in entries where e.subject == subject {
                let t = e.time.seconds
                if ["failure", "outage_start", "crash", "pause"].contains(e.event) { downSince = downSince ?? t }
                if ["repair", "outage_end", "restart", "resume"].contains(e.event), let s = downSince {
                    body += "<rect class=\"mark\" x=\"\(f(x(s)))\" y=\"\(f(y))\" width=\"\(f(max(x(t) - x(s), 0.8)))\" height=\"12\" fill=\"\(palette.down)\"/>"
                    downSince = nil
                }
            }
            if let s = downSince {
                body += "<rect class=\"mark\" x=\"\(f(x(s)))\" y=\"\(f(y))\" width=\"\(f(max(right - x(s), 0.8)))\" height=\"12\" fill=\"\(palette.down)\"/>"
            }
        }
        let axis = 14 + Double(subjects.count) * rowHeight, height = axis + 32
        let days = duration / 86_400
        for tick in Ticks.linear(0, days, count: 5) where tick <= days {
            body += "<line x1=\"\(f(x(tick * 86_400)))\" x2=\"\(f(x(tick * 86_400)))\" y1=\"\(f(axis))\" y2=\"\(f(axis + 4))\" stroke=\"#8c959f\"/>"
            body += "<text x=\"\(f(x(tick * 86_400)))\" y=\"\(f(axis + 14))\" text-anchor=\"middle\">\(label(tick))</text>"
        }
        body += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\">simulated time (days) · "
            + "<tspan fill=\"\(palette.down)\">red: down</tspan></text>"
        return frame(height: height, body)
    }

    /// A histogram of durations in seconds; `noun` names what was timed when there is nothing to draw.
    static func histogram(_ values: [Double], bins: Int = 20, noun: String = "outages") -> String {
        let height = 200.0, left = 40.0, bottom = height - 30, top = 10.0
        guard let low = values.min(), let high = values.max(), high > low else {
            let text = values.isEmpty ? "no \(noun) measured: nothing to draw"
                : "\(values.count) \(values.count == 1 ? "sample" : "samples, all") of \(label(values[0])) s: no spread to draw"
            return frame(height: 40, "<text class=\"empty\" x=\"4\" y=\"20\">\(Markup.escape(text))</text>")
        }
        // Buckets are half-open; the last edge just above the maximum keeps it in the last bucket.
        let edges = (0..<bins).map { low + (high - low) * Double($0) / Double(bins) } + [high.nextUp]
        let counts = Histogram(samples: values).counts(edges: edges)
        let peak = Double(counts.max() ?? 1)
        let slot = (width - left - 10) / Double(bins)
        var body = ""
        for (i, c) in counts.enumerated() {
            let h = Double(c) / peak * (bottom - top)
            body += "<rect class=\"mark\" x=\"\(f(left + Double(i) * slot + 1))\" y=\"\(f(bottom - h))\" width=\"\(f(slot - 2))\" height=\"\(f(h))\" fill=\"\(palette.measured)\"/>"
        }
        for tick in Ticks.linear(low, high, count: 5) where tick >= low && tick <= high {
            let x = left + (tick - low) / (high - low) * (width - left - 10)
            body += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(bottom))\" y2=\"\(f(bottom + 4))\" stroke=\"#8c959f\"/>"
            body += "<text x=\"\(f(x))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(label(tick))</text>"
        }
        body += "<text x=\"\(f((left + width) / 2))\" y=\"\(f(height - 2))\" text-anchor=\"middle\">duration (seconds), "
            + "\(values.count) \(Markup.escape(noun))</text>"
        body += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\">\(Int(peak))</text>"
        body += "<text x=\"\(f(left - 4))\" y=\"\(f(bottom))\" text-anchor=\"end\">0</text>"
        body += "<text x=\"10\" y=\"\(f((top + bottom) / 2))\" transform=\"rotate(-90 10 \(f((top + bottom) / 2)))\" "
            + "text-anchor=\"middle\">count</text>"
        return frame(height: height + 12, body)
    }

    /// The running mean with its interval after each replication, and the model's value.
    static func running(_ points: [(mean: Double, lower: Double, upper: Double)], analytic: Double?) -> String {
        let height = 220.0, left = 70.0, right = width - 10, top = 10.0, bottom = height - 25
        guard points.count > 1 else {
            return frame(height: 30, "<text class=\"empty\" x=\"4\" y=\"20\">an estimate after 2 replications only: no trend to draw</text>")
        }
        // Availability is a fraction: the axis and the band stay inside [0, 1].
        let all = points.flatMap { [$0.lower, $0.upper] }.map { min(max($0, 0), 1) } + (analytic.map { [$0] } ?? [])
        var low = all.min()!, high = all.max()!
        let pad = max((high - low) * 0.05, 1e-15); low = max(0, low - pad); high = min(1, high + pad)
        if high <= low { low = max(0, high - 1e-12) }
        let x = { (i: Int) in left + Double(i) / Double(points.count - 1) * (right - left) }
        let y = { (v: Double) in bottom - (min(max(v, low), high) - low) / (high - low) * (bottom - top) }
        let band = points.indices.map { "\(f(x($0))),\(f(y(points[$0].upper)))" }
            + points.indices.reversed().map { "\(f(x($0))),\(f(y(points[$0].lower)))" }
        var body = "<polygon class=\"mark\" points=\"\(band.joined(separator: " "))\" fill=\"\(palette.measured)\" opacity=\"0.2\"/>"
        body += "<polyline class=\"mark\" points=\"\(points.indices.map { "\(f(x($0))),\(f(y(points[$0].mean)))" }.joined(separator: " "))\" "
            + "fill=\"none\" stroke=\"\(palette.measured)\" stroke-width=\"2\"/>"
        if let a = analytic {
            body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(a)))\" y2=\"\(f(y(a)))\" stroke=\"\(palette.model)\" stroke-dasharray=\"5 3\"/>"
        }
        for tick in Ticks.linear(low, high, count: 4) where tick >= low && tick <= high {
            body += "<line x1=\"\(f(left - 3))\" x2=\"\(f(left))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#8c959f\"/>"
            body += "<text x=\"\(f(left - 5))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>"
        }
        body += "<text x=\"\(f(left))\" y=\"\(f(bottom + 14))\">2</text>"
        body += "<text x=\"\(f(right))\" y=\"\(f(bottom + 14))\" text-anchor=\"end\">\(points.count + 1)</text>"
        body += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(height - 2))\" text-anchor=\"middle\">replications · "
            + "blue: mean service availability and its interval"
            + (analytic == nil ? "" : " · <tspan fill=\"\(palette.model)\">dashed: model</tspan>") + "</text>"
        return frame(height: height + 8, body)
    }
}
