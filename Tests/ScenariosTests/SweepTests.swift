import Testing
@testable import Scenarios

/// `nines sweep`: settings applied to the scenario's JSON, the cross product in order, every variant
/// validated, the same bytes for any number of jobs.
@Suite struct SweepTests {
    static let text = """
        {"name": "sw", "kind": "components", "seed": 4, "duration": "200d", "warm_up": "10d", "replications": 4,
         "components": {"count": 3, "service_quorum": 2,
           "failure": {"ttf": {"exponential": {"mean": "4d"}}, "ttr": {"exponential": {"mean": "1d"}}}}}
        """

    @Test func theCrossProductRunsInOrderTheLastSettingFastest() throws {
        let sweep = try Sweep.variants(of: Self.text, file: "sw.json", overrides: [
            ScenarioOverride(parsing: "components.count=3,5"),
            ScenarioOverride(parsing: "components.failure.ttr.exponential.mean=1d,12h"),
        ])
        #expect(sweep.parameters == ["components.count", "components.failure.ttr.exponential.mean"])
        #expect(sweep.variants.map(\.settings) == [["3", "1d"], ["3", "12h"], ["5", "1d"], ["5", "12h"]])
        #expect(sweep.variants[3].label == "components.count=5, components.failure.ttr.exponential.mean=12h")
        guard case .components(let spec) = sweep.variants[3].scenario.system else { Issue.record("kind"); return }
        #expect(spec.count == 5 && spec.failure.timeToRepair.mean == 43_200)
    }

    /// An absent optional setting is added; a path through a value that is not an object, an unknown
    /// member and a value of the wrong type are errors naming the setting and the JSON path.
    @Test func invalidPathsAndValuesAreNamed() throws {
        let added = try Sweep.variants(of: Self.text, file: "sw.json", overrides: [
            ScenarioOverride(parsing: "components.failure.repair_crews=1"),
        ])
        guard case .components(let spec) = added.variants[0].scenario.system else { Issue.record("kind"); return }
        #expect(spec.failure.repairCrews == 1)
        for (setting, expected) in [
            ("components.cuont=3", "sw.json with --set components.cuont=3: $.components.cuont: expected one of"),
            ("components.count=abc", "$.components.count: expected an integer"),
            ("seed.x=1", "--set seed.x=1: $.seed: expected an object to hold \"x\", found 4"),
        ] {
            #expect(throws: ScenarioError.self) {
                try Sweep.variants(of: Self.text, file: "sw.json", overrides: [ScenarioOverride(parsing: setting)])
            }
            do {
                _ = try Sweep.variants(of: Self.text, file: "sw.json", overrides: [ScenarioOverride(parsing: setting)])
            } catch { #expect(error.description.contains(expected), "\(error)") }
        }
        for bad in ["components.count", "=3", "components.count=3,,5", "components..count=3", "components.count=3,3"] {
            #expect(throws: ScenarioError.self) { try ScenarioOverride(parsing: bad) }
        }
    }

    /// Each variant's headline and its model's prediction are those `nines run` gives for
    /// that scenario, and the files are the same for any number of jobs.
    @Test func theReportHoldsEachVariantsRunAndIsDeterministic() throws {
        let sweep = try Sweep.variants(of: Self.text, file: "sw.json", overrides: [ScenarioOverride(parsing: "components.count=3,5")])
        let one = SweepReport(sweep: sweep, results: sweep.run(jobs: 1))
        let two = SweepReport(sweep: sweep, results: sweep.run(jobs: 2))
        #expect(one.files.map(\.contents) == two.files.map(\.contents))
        let direct = ScenarioRun(scenario: sweep.variants[1].scenario, jobs: 1).execute()
        let row = try #require(direct.rows.first { $0.metric == "service_unavailability" })
        let headline = try #require(direct.headline)
        #expect(one.rows[1].unavailability == headline.unavailability && one.rows[1].upper == headline.upper)
        #expect(one.rows[1].confidence == headline.confidence)
        #expect(one.rows[1].models.map(\.key) == ["k_of_n_binomial"] && one.rows[1].models[0].value == row.analytic)
        let csv = one.table
        #expect(csv.header.prefix(3) == ["variant", "components.count", "replications"])
        #expect(csv.header.contains("downtime_minutes_per_year") && csv.header.contains("analytic_unavailability_k_of_n_binomial"))
        #expect(csv.rows.map { $0[1] } == ["3", "5"])
        let html = one.files[1].contents
        #expect(html.contains("service unavailability (fraction of time)") && html.contains(">k_of_n_binomial</text>"))
    }
}
