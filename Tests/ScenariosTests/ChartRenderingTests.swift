import Foundation
import Testing
@testable import Scenarios

/// Every chart of the HTML report, laid out and measured by headless Chromium: each has a size,
/// draws at least one data mark inside its frame or says in a sentence why it is empty, holds no
/// NaN or Infinity, and the page raises no script error. Skipped (with that reason) when no
/// Chromium is installed; CI sets NINES_REQUIRE_CHROMIUM=1, so there it always runs.
@Suite(.serialized, .enabled(if: HeadlessChromium.available, "headless Chromium not installed: chart rendering check skipped (apt-get install chromium, or make deps)"))
struct ChartRenderingTests {
    static func report(_ json: String) throws -> String {
        let result = ScenarioRun(scenario: try ScenarioLoader.parse(json, file: "c.json"), jobs: 2).execute()
        return ReportFiles.render(result).first { $0.name == "report.html" }!.contents
    }

    static func expectClean(_ report: HeadlessChromium.Report, charts: Int, drawn: Int) {
        #expect(report.errors.isEmpty, "script errors: \(report.errors)")
        #expect(report.charts.count == charts, "\(report.charts.count) charts rendered")
        for chart in report.charts { #expect(chart.problems.isEmpty, "chart \(chart.index): \(chart.problems)") }
        #expect(report.charts.filter { $0.drawn > 0 }.count == drawn, "\(report.charts.map(\.drawn))")
    }

    /// A cluster with failovers: downtime by cause, the comparison, timeline, outages, the four
    /// failover phases (detection, election, switchover, failover) and the running estimate all draw data.
    @Test func everyChartOfAClusterReportDrawsItsData() throws {
        let html = try Self.report("""
            {"name": "charts", "kind": "cluster", "seed": 3, "duration": "12h", "warm_up": "1h", "replications": 3,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "probe": {"interval": "30s", "timeout": "10s"},
               "failures": {"schedulers": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "20m"}}}}}}
            """)
        Self.expectClean(try HeadlessChromium.check(html: html), charts: 9, drawn: 9)
    }

    /// Components: the occupancy chart on its log scale draws its bars and model marks.
    @Test func theOccupancyChartDrawsOnItsLogScale() throws {
        let html = try Self.report("""
            {"name": "c", "kind": "components", "seed": 5, "duration": "200d", "replications": 3,
             "components": {"count": 3, "failure": {"ttf": {"exponential": {"mean": "10d"}}, "ttr": {"exponential": {"mean": "1d"}}}}}
            """)
        let report = try HeadlessChromium.check(html: html)
        Self.expectClean(report, charts: report.charts.count, drawn: report.charts.filter { $0.empty == nil }.count)
        #expect(report.charts.count >= 4 && report.charts.filter { $0.drawn > 0 }.count >= 4)
    }

    /// Nothing failed: every empty panel says why in a sentence, none is a blank frame.
    @Test func emptyPanelsSayWhyTheyAreEmpty() throws {
        let html = try Self.report("""
            {"name": "quiet", "kind": "cluster", "seed": 3, "duration": "2h", "warm_up": "10m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby"}}
            """)
        let report = try HeadlessChromium.check(html: html)
        // Only the comparison draws; downtime by cause, the timeline, the outage and phase histograms
        // and the running estimate (2 replications) each say why they are empty.
        Self.expectClean(report, charts: 9, drawn: 1)
        #expect(report.charts.contains { $0.empty == "no downtime measured: no cause to draw" })
    }

    /// `sweep.html`: the variants' intervals are drawn.
    @Test func theSweepChartDrawsEveryVariant() throws {
        let sweep = try Sweep.variants(of: SweepTests.text, file: "sw.json", overrides: [ScenarioOverride(parsing: "components.count=3,5")])
        let html = SweepHTML.render(SweepReport(sweep: sweep, results: sweep.run(jobs: 2)))
        let report = try HeadlessChromium.check(html: html)
        Self.expectClean(report, charts: 1, drawn: 1)
        #expect(report.charts[0].drawn == 4)  // an interval and a dot per variant
    }

    /// The check itself: a chart with a NaN coordinate, one with no mark and no reason, and a page
    /// that throws are each reported.
    @Test func aBrokenChartIsCaught() throws {
        let html = """
            <!DOCTYPE html><html><head></head><body>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><text>t</text><rect class="mark" x="NaN" y="0" width="10" height="10"/></svg>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><text>axis only</text><line x1="0" x2="100" y1="40" y2="40" stroke="black"/></svg>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><text>t</text><rect class="mark" x="200" y="0" width="10" height="10"/></svg>
            <script>undefinedFunction()</script>
            </body></html>
            """
        let report = try HeadlessChromium.check(html: html)
        #expect(report.errors.count == 1)
        #expect(report.charts.count == 3)
        #expect(report.charts.allSatisfy { !$0.problems.isEmpty }, "\(report.charts.map(\.problems))")
        #expect(report.charts[0].problems.contains { $0.contains("NaN") })
        #expect(report.charts[1].problems == ["no data mark drawn and no reason given"])
        #expect(report.charts[2].drawn == 0)
    }
}
