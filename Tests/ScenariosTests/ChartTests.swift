import Foundation
import Testing
@testable import Scenarios

/// The report's charts are drawn inside their frames: every coordinate is a finite number within the
/// SVG's width and height, each chart says something in words (axis titles, legends, or why it is
/// empty), and an empty input gives a sentence, not an empty frame.
@Suite struct ChartTests {
    static func check(_ svg: String, _ name: String) {
        let size = svg.firstMatch(of: /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/)
        guard let size, let width = Double(size.1), let height = Double(size.2) else {
            Issue.record("\(name): no viewBox"); return
        }
        #expect(!svg.contains("nan") && !svg.contains("inf"), "\(name): a coordinate is not finite")
        for match in svg.matches(of: /\s(x|x1|x2|cx|width)="(-?[0-9.]+)"/) {
            let v = Double(match.2)!
            #expect(v >= 0 && v <= width + 0.01, "\(name): \(match.1)=\(v) outside 0…\(width)")
        }
        for match in svg.matches(of: /\s(y|y1|y2|cy|height)="(-?[0-9.]+)"/) {
            let v = Double(match.2)!
            #expect(v >= 0 && v <= height + 0.01, "\(name): \(match.1)=\(v) outside 0…\(height)")
        }
        #expect(svg.contains("<text"), "\(name): a chart without a word")
    }

    @Test func everyChartOfAClusterReportStaysInsideItsFrame() throws {
        let text = """
            {"name": "charts", "kind": "cluster", "seed": 3, "duration": "1d", "warm_up": "1h", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "probe": {"interval": "30s", "timeout": "10s"},
               "failures": {"schedulers": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "20m"}}}}}}
            """
        let result = ScenarioRun(scenario: try ScenarioLoader.parse(text, file: "c.json"), jobs: 2).execute()
        let html = ReportFiles.render(result).first { $0.name == "report.html" }!.contents
        let charts = html.matches(of: /<svg[^>]*>.*?<\/svg>/).map { String($0.0) }
        #expect(charts.count >= 5)
        for (i, chart) in charts.enumerated() { Self.check(chart, "chart \(i)") }
        // The availability axis stays at or below 1; the running band too.
        let intervals = SVGChart.intervals(result.rows, ids: ReplicationRunner.metricIDs(of: result.scenario.system))
        #expect(intervals.contains("service_availability (fraction)") && intervals.contains("measured mean and interval"))
        #expect(!intervals.contains(">1.0") && !intervals.contains(">-"))
    }

    @Test func emptyChartsSayWhy() {
        #expect(SVGChart.timeline([], duration: 86_400).contains("nothing to draw"))
        #expect(SVGChart.histogram([]).contains("no outages measured"))
        #expect(SVGChart.histogram([3]).contains("1 sample of 3 s"))
        #expect(SVGChart.running([(0.9, 0.8, 1)], analytic: nil).contains("no trend"))
    }

    @Test func ticksAreRoundAndCoverTheRange() {
        let fifths = Ticks.linear(0, 1, count: 5)
        #expect(fifths.count == 6 && zip(fifths, [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(Ticks.linear(0, 7) == [0, 2, 4, 6, 8])
        #expect(Ticks.linear(1, 1) == [1] && Ticks.linear(.nan, 1).isEmpty)
    }
}
