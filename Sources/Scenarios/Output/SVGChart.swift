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

    /// One row per metric: the interval as a bar, the estimate as a dot, the model as a red tick.
    static func intervals(_ rows: [ComparisonRow]) -> String {
        let rowHeight = 34.0, left = 230.0, right = width - 20
        var body = ""
        for (i, row) in rows.enumerated() {
            let y = 20 + Double(i) * rowHeight
            let values = [row.lower, row.upper, row.empirical] + (row.analytic.map { [$0] } ?? [])
            var low = values.min()!, high = values.max()!
            let pad = max((high - low) * 0.15, abs(high) * 1e-9, 1e-15)
            low -= pad; high += pad
            let x = { (v: Double) in left + (v - low) / (high - low) * (right - left) }
            body += "<text x=\"4\" y=\"\(f(y + 4))\">\(Markup.escape(row.metric)) — \(row.verdictText)</text>"
            body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#eaeef2\"/>"
            body += "<line x1=\"\(f(x(row.lower)))\" x2=\"\(f(x(row.upper)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" "
                + "stroke=\"\(palette.measured)\" stroke-width=\"4\"/>"
            body += "<circle cx=\"\(f(x(row.empirical)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(palette.measured)\"/>"
            if let a = row.analytic {
                body += "<line x1=\"\(f(x(a)))\" x2=\"\(f(x(a)))\" y1=\"\(f(y - 9))\" y2=\"\(f(y + 9))\" "
                    + "stroke=\"\(palette.model)\" stroke-width=\"2\"/>"
            }
            body += "<text x=\"\(f(left))\" y=\"\(f(y + 16))\" fill=\"#57606a\">\(label(low))</text>"
            body += "<text x=\"\(f(right))\" y=\"\(f(y + 16))\" fill=\"#57606a\" text-anchor=\"end\">\(label(high))</text>"
        }
        return frame(height: 20 + Double(rows.count) * rowHeight, body)
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
            body += "<rect x=\"\(f(x + slot * 0.2))\" y=\"\(f(y(row.empirical)))\" width=\"\(f(slot * 0.6))\" "
                + "height=\"\(f(bottom - y(row.empirical)))\" fill=\"\(palette.measured)\" opacity=\"0.7\"/>"
            body += "<line x1=\"\(f(x + slot * 0.1))\" x2=\"\(f(x + slot * 0.9))\" y1=\"\(f(y(row.binomial)))\" "
                + "y2=\"\(f(y(row.binomial)))\" stroke=\"\(palette.model)\" stroke-width=\"2\"/>"
            if row.birthDeath != row.binomial {
                body += "<line x1=\"\(f(x + slot * 0.1))\" x2=\"\(f(x + slot * 0.9))\" y1=\"\(f(y(row.birthDeath)))\" "
                    + "y2=\"\(f(y(row.birthDeath)))\" stroke=\"#24292f\" stroke-dasharray=\"4 2\" stroke-width=\"2\"/>"
            }
            body += "<text x=\"\(f(x + slot / 2))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(row.down) down</text>"
        }
        return frame(height: height, body)
    }

    /// Up/down bands per subject over time, from a replication's timeline.
    static func timeline(_ entries: [TimelineEntry], duration: Double) -> String {
        var subjects: [String] = []
        for e in entries where !subjects.contains(e.subject) { subjects.append(e.subject) }
        subjects.sort()
        let rowHeight = 18.0, left = 90.0, right = width - 10
        let x = { (t: Double) in left + t / max(duration, 1e-9) * (right - left) }
        var body = ""
        for (i, subject) in subjects.enumerated() {
            let y = 10 + Double(i) * rowHeight
            body += "<text x=\"4\" y=\"\(f(y + 12))\">\(Markup.escape(subject))</text>"
            body += "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(right - left))\" height=\"12\" fill=\"\(palette.up)\" opacity=\"0.25\"/>"
            var downSince: Double?
            for e in entries where e.subject == subject {
                let t = e.time.seconds
                if ["failure", "outage_start", "crash", "pause"].contains(e.event) { downSince = downSince ?? t }
                if ["repair", "outage_end", "restart", "resume"].contains(e.event), let s = downSince {
                    body += "<rect x=\"\(f(x(s)))\" y=\"\(f(y))\" width=\"\(f(max(x(t) - x(s), 0.8)))\" height=\"12\" fill=\"\(palette.down)\"/>"
                    downSince = nil
                }
            }
            if let s = downSince {
                body += "<rect x=\"\(f(x(s)))\" y=\"\(f(y))\" width=\"\(f(max(right - x(s), 0.8)))\" height=\"12\" fill=\"\(palette.down)\"/>"
            }
        }
        let height = 30 + Double(subjects.count) * rowHeight
        body += "<text x=\"\(f(left))\" y=\"\(f(height - 4))\">0</text>"
        body += "<text x=\"\(f(right))\" y=\"\(f(height - 4))\" text-anchor=\"end\">\(label(duration / 86_400)) days</text>"
        return frame(height: height, body)
    }

    /// A histogram of durations in seconds; `noun` names what was timed when there is nothing to draw.
    static func histogram(_ values: [Double], bins: Int = 20, noun: String = "outages") -> String {
        let height = 200.0, left = 40.0, bottom = height - 25, top = 10.0
        guard let low = values.min(), let high = values.max(), high > low else {
            let text = values.isEmpty ? "no \(noun)" : "\(values.count) \(noun) of \(label(values[0])) s"
            return frame(height: 40, "<text x=\"4\" y=\"20\">\(Markup.escape(text))</text>")
        }
        // Buckets are half-open; the last edge just above the maximum keeps it in the last bucket.
        let edges = (0..<bins).map { low + (high - low) * Double($0) / Double(bins) } + [high.nextUp]
        let counts = Histogram(samples: values).counts(edges: edges)
        let peak = Double(counts.max() ?? 1)
        let slot = (width - left - 10) / Double(bins)
        var body = ""
        for (i, c) in counts.enumerated() {
            let h = Double(c) / peak * (bottom - top)
            body += "<rect x=\"\(f(left + Double(i) * slot + 1))\" y=\"\(f(bottom - h))\" width=\"\(f(slot - 2))\" height=\"\(f(h))\" fill=\"\(palette.measured)\"/>"
        }
        body += "<text x=\"\(f(left))\" y=\"\(f(height - 8))\">\(label(low)) s</text>"
        body += "<text x=\"\(f(width - 10))\" y=\"\(f(height - 8))\" text-anchor=\"end\">\(label(high)) s</text>"
        body += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\">\(Int(peak))</text>"
        return frame(height: height, body)
    }

    /// The running mean with its interval after each replication, and the model's value.
    static func running(_ points: [(mean: Double, lower: Double, upper: Double)], analytic: Double?) -> String {
        let height = 220.0, left = 70.0, right = width - 10, top = 10.0, bottom = height - 25
        guard points.count > 1 else { return frame(height: 30, "<text x=\"4\" y=\"20\">one replication</text>") }
        let all = points.flatMap { [$0.lower, $0.upper] } + (analytic.map { [$0] } ?? [])
        var low = all.min()!, high = all.max()!
        let pad = max((high - low) * 0.05, 1e-15); low -= pad; high += pad
        let x = { (i: Int) in left + Double(i) / Double(points.count - 1) * (right - left) }
        let y = { (v: Double) in bottom - (v - low) / (high - low) * (bottom - top) }
        let band = points.indices.map { "\(f(x($0))),\(f(y(points[$0].upper)))" }
            + points.indices.reversed().map { "\(f(x($0))),\(f(y(points[$0].lower)))" }
        var body = "<polygon points=\"\(band.joined(separator: " "))\" fill=\"\(palette.measured)\" opacity=\"0.2\"/>"
        body += "<polyline points=\"\(points.indices.map { "\(f(x($0))),\(f(y(points[$0].mean)))" }.joined(separator: " "))\" "
            + "fill=\"none\" stroke=\"\(palette.measured)\" stroke-width=\"2\"/>"
        if let a = analytic {
            body += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(a)))\" y2=\"\(f(y(a)))\" stroke=\"\(palette.model)\" stroke-dasharray=\"5 3\"/>"
        }
        body += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\">\(label(high))</text>"
        body += "<text x=\"\(f(left - 4))\" y=\"\(f(bottom))\" text-anchor=\"end\">\(label(low))</text>"
        body += "<text x=\"\(f(right))\" y=\"\(f(height - 6))\" text-anchor=\"end\">replications: \(points.count + 1)</text>"
        return frame(height: height, body)
    }
}
