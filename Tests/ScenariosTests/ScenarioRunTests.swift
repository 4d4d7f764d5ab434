import Foundation
import Simulation
import Testing
@testable import Scenarios

@Suite struct ScenarioRunTests {
    static func scenario(crews: Int? = nil, replications: Int = 6, count: Int = 3) throws -> Scenario {
        let crewText = crews.map { ", \"repair_crews\": \($0)" } ?? ""
        return try ScenarioLoader.parse("""
            {"name": "r", "kind": "components", "seed": 11, "duration": "2000d", "warm_up": "20d",
             "replications": \(replications),
             "components": {"count": \(count), "service_quorum": 2,
               "failure": {"ttf": {"exponential": {"mean": "5d"}}, "ttr": {"exponential": {"mean": "1d"}}\(crewText)}},
             "expectations": {"all_agree": true}}
            """, file: "r.json")
    }

    @Test func outputsAreByteIdenticalForAnyNumberOfJobs() throws {
        let s = try Self.scenario()
        let one = ReportFiles.render(ScenarioRun(scenario: s, jobs: 1).execute())
        let two = ReportFiles.render(ScenarioRun(scenario: s, jobs: 2).execute())
        #expect(one.map(\.name) == two.map(\.name))
        for (a, b) in zip(one, two) { #expect(a.contents == b.contents, "\(a.name) differs") }
    }

    @Test func replicationSeedsDependOnlyOnTheScenarioSeedAndIndex() throws {
        let s = try Self.scenario()
        #expect(ReplicationRunner.seed(of: s, replication: 3) == StreamSeed(11).derive("replication", 3).value)
        #expect(ReplicationRunner.seed(of: s, replication: 3) != ReplicationRunner.seed(of: s, replication: 4))
    }

    /// Independent crews: every metric agrees with the binomial model (p = 1/6 here).
    @Test func independentComponentsAgreeWithTheBinomial() throws {
        let result = ScenarioRun(scenario: try Self.scenario(replications: 10), jobs: 2).execute()
        let p = 1.0 / 6
        let analytic = result.rows.first { $0.metric == "component_unavailability" }?.analytic
        #expect(abs((analytic ?? 0) - p) < 1e-12)
        let allUp = result.rows.first { $0.metric == "all_up" }!
        #expect(abs(allUp.analytic! - pow(1 - p, 3)) < 1e-12)
        #expect(result.rows.allSatisfy { $0.verdict == .agrees }, "\(result.rows.map { ($0.metric, $0.verdict) })")
        #expect(result.chiSquare?.verdict == .agrees)
        #expect(result.passed)
    }

    /// One shared crew: the model switches to the birth–death chain, and the measurement agrees
    /// with it while the binomial column of the occupancy table is visibly different.
    @Test func aSharedCrewIsComparedWithTheBirthDeathChain() throws {
        let result = ScenarioRun(scenario: try Self.scenario(crews: 1, replications: 10), jobs: 2).execute()
        #expect(result.rows.first?.model == "birth-death (1 crew)")
        #expect(result.rows.allSatisfy { $0.verdict == .agrees })
        let threeDown = result.occupancy[3]
        #expect(threeDown.birthDeath > 3 * threeDown.binomial)
        #expect(threeDown.lower > threeDown.binomial, "the measurement must exclude the binomial")
    }

    @Test func reportFilesAreCompleteAndWellFormed() throws {
        let result = ScenarioRun(scenario: try Self.scenario(), jobs: 2).execute()
        let files = Dictionary(uniqueKeysWithValues: ReportFiles.render(result).map { ($0.name, $0.contents) })
        #expect(Set(files.keys) == ["summary.json", "comparison.csv", "occupancy.csv", "timeline.csv",
                                    "replications.csv", "durations.csv", "running.csv", "downtime_by_cause.csv", "report.html",
                                    "report.ipynb"])
        let summary = try JSONParser.parse(files["summary.json"]!).value
        #expect(summary["digest"] == .string(ReportFiles.hex(result.digest)))
        #expect(summary["replications"] == .number(6))
        let notebook = try JSONParser.parse(files["report.ipynb"]!).value
        #expect(notebook["nbformat"] == .number(4) && notebook["nbformat_minor"] == .number(5))
        guard case .array(let cells) = notebook["cells"] else { Issue.record("no cells"); return }
        #expect(cells.count >= 5)
        // nbformat 4.5: every cell has an id, unique in the notebook.
        let ids = cells.compactMap { cell -> String? in if case .string(let id)? = cell["id"] { id } else { nil } }
        #expect(ids.count == cells.count && Set(ids).count == ids.count)
        #expect(files["report.ipynb"]!.contains("pd.read_csv(\\\"comparison.csv\\\")"))
        #expect(files["report.html"]!.contains("<svg") && !files["report.html"]!.contains("<script"))
        // RFC 4180: every line ends in CRLF, none in a bare LF.
        for (name, text) in files where name.hasSuffix(".csv") {
            let bareLineFeeds = text.replacingOccurrences(of: "\r\n", with: "").utf8.contains(10)
            #expect(text.hasSuffix("\r\n") && !bareLineFeeds, "\(name)")
        }
        #expect(Self.lines(files["replications.csv"]!).count == 7)
        // The notebook's running band is the report's: the t intervals after 2…6 replications.
        let running = Self.lines(files["running.csv"]!)
        #expect(running.first == "replications,mean,ci_lower,ci_upper,confidence,family_adjusted" && running.count == 6)
        #expect(running.last == "6,\(CSVTable.number(result.running.last!.mean)),\(CSVTable.number(result.running.last!.lower)),\(CSVTable.number(result.running.last!.upper)),0.95,false")
        #expect(files["report.ipynb"]!.contains("pd.read_csv(\\\"running.csv\\\")"))
        // Every interval names its level and whether it is family-adjusted (issue 13, item 8); the model
        // column is a stable key, its words and the title last.
        #expect(files["comparison.csv"]!.hasPrefix(
            "metric,model,empirical,ci_lower,ci_upper,confidence,family_adjusted,method,analytic,difference,verdict,reason,unit,"))
        #expect(files["occupancy.csv"]!.hasPrefix("components_down,empirical_time_fraction,ci_lower,ci_upper,confidence,family_adjusted,method,"))
        let comparison = Self.lines(files["comparison.csv"]!)
        #expect(comparison.dropFirst().allSatisfy { $0.split(separator: ",")[1] == "binomial" || $0.split(separator: ",")[1] == "k_of_n_binomial" })
        // timeline.csv holds every replication, each line saying which.
        let timeline = Self.lines(files["timeline.csv"]!)
        #expect(timeline.first == "replication,time_seconds,time,event,subject")
        #expect(Set(timeline.dropFirst().map { $0.split(separator: ",")[0] }) == ["0", "1", "2", "3", "4", "5"])
        // The headline opens summary.json, the HTML report and the notebook.
        #expect(summary["headline"]?["confidence"] == .number(0.95) && summary["headline"]?["method"] != nil)
        let headline = try #require(result.headline?.text)
        #expect(files["report.html"]!.contains(Markup.escape(headline)) && files["report.ipynb"]!.contains("**"))
        #expect(files["timeline.csv"]!.contains(",failure,component"))
    }

    /// A CSV file's lines without their CRLF ends.
    static func lines(_ csv: String) -> [String] {
        csv.components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    @Test func atomicOutputReplacesTheFolderWhole() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("nines-atomic-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("report")
        var first = AtomicOutput(directory: target)
        first.add("a.txt", "1")
        first.add("stale.txt", "x")
        try first.commit()
        var second = AtomicOutput(directory: target)
        second.add("a.txt", "2")
        try second.commit()
        let names = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(names == [OutputTarget.manifestName, "a.txt"])
        #expect(try String(contentsOf: target.appendingPathComponent("a.txt"), encoding: .utf8) == "2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["report"])
    }

    @Test func csvFieldsAreQuotedWhenNeeded() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["x,y", "say \"hi\""])
        table.append(["two\nlines", "plain"])
        #expect(table.text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n")
    }

    /// Metric bounds are checked against the point estimate: a bound just above the measured
    /// all-up fraction fails, one just below passes, each as its own named check.
    @Test func metricBoundsAreCheckedOnThePointEstimate() throws {
        let base = ScenarioRun(scenario: try Self.scenario(replications: 4), jobs: 2).execute()
        let allUp = try #require(base.rows.first { $0.metric == "all_up" }?.empirical)
        var scenario = try Self.scenario(replications: 4)
        scenario.expectations.allAgree = false  // four replications leave some verdicts inconclusive
        scenario.expectations.metricBounds = [MetricBound(metric: "all_up", atLeast: allUp - 1e-9, atMost: allUp + 1e-9)]
        let pass = ScenarioRun(scenario: scenario, jobs: 2).execute()
        #expect(pass.passed)
        #expect(pass.checks.map(\.name).filter { $0.hasPrefix("all_up") }.count == 2)
        scenario.expectations.metricBounds = [MetricBound(metric: "all_up", atLeast: allUp + 1e-6, atMost: nil)]
        let fail = ScenarioRun(scenario: scenario, jobs: 2).execute()
        #expect(!fail.passed)
        #expect(fail.checks.filter { !$0.passed }.map(\.name) == ["all_up ≥ \(NumberFormat.significant(allUp + 1e-6, digits: 8))"])
    }

    /// With two replications the t interval is wide: reported bounds are clipped to a fraction's
    /// [0, 1], while the verdict still uses the interval as computed.
    @Test func reportedIntervalsStayInsideTheMetricsRange() throws {
        let scenario = try Self.scenario(replications: 2)
        func outcome(_ index: Int, _ availability: Double) -> ReplicationOutcome {
            ReplicationOutcome(
                index: index, seed: 0, digest: 0, events: 0, metrics: [0.1, 0.7, availability, 1 - availability],
                occupancy: [0.7, 0.2, 0.09, 0.01], downSamples: [], timeline: [], outageSeconds: [])
        }
        let result = ScenarioAnalysis(scenario: scenario, outcomes: [outcome(0, 0.95), outcome(1, 0.999)]).result()
        let availability = try #require(result.rows.first { $0.metric == "service_availability" })
        let unavailability = try #require(result.rows.first { $0.metric == "service_unavailability" })
        // Symmetric around 0.9745 and wider than 0.0255 on each side: both ends were clipped.
        #expect(availability.upper == 1 && availability.lower >= 0 && availability.lower < availability.empirical)
        #expect(unavailability.lower == 0 && unavailability.upper <= 1 && unavailability.upper > unavailability.empirical)
        #expect(result.occupancy.allSatisfy { $0.lower >= 0 && $0.upper <= 1 })
    }

    /// A count is clipped at 0 only: an ensemble's elections per day above 1 keep their upper bound.
    @Test func countsAreNotClippedAtOne() throws {
        let scenario = try ScenarioLoader.parse("""
            {"name": "e", "kind": "ensemble", "seed": 2, "duration": "1d", "replications": 2,
             "ensemble": {"servers": 3, "probe": {"interval": "10s"}}}
            """, file: "e.json")
        let metrics = ReplicationRunner.metricIDs(of: scenario.system)
        let elections = try #require(metrics.firstIndex { $0.key == "elections_per_day" })
        #expect(metrics[elections].isFraction == false)
        func outcome(_ index: Int, _ perDay: Double) -> ReplicationOutcome {
            var values = metrics.map { $0.isFraction ? 0.99 : 0 }
            values[elections] = perDay
            return ReplicationOutcome(
                index: index, seed: 0, digest: 0, events: 0, metrics: values, occupancy: [], downSamples: [],
                timeline: [], outageSeconds: [])
        }
        let row = try #require(ScenarioAnalysis(scenario: scenario, outcomes: [outcome(0, 3), outcome(1, 5)]).result()
            .rows.first { $0.metric == "elections_per_day" })
        #expect(row.empirical == 4 && row.upper > 5 && row.lower == 0)
    }
}

