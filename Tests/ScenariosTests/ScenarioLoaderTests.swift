import Foundation
import Scheduler
import Simulation
import Testing
@testable import Scenarios

@Suite struct ScenarioLoaderTests {
    static let valid = """
        {
          "name": "t",
          "kind": "components",
          "seed": 3,
          "duration": "100d",
          "warm_up": "1d",
          "replications": 4,
          "components": {
            "count": 3,
            "failure": {"ttf": {"exponential": {"mean": "10d"}}, "ttr": {"weibull": {"shape": 2, "mean": "6h"}}, "repair_crews": 1},
            "service_quorum": 2
          },
          "expectations": {"all_agree": true}
        }
        """

    @Test func readsAValidScenario() throws {
        let s = try ScenarioLoader.parse(Self.valid, file: "t.json")
        #expect(s.name == "t" && s.seed == 3 && s.duration == .days(100) && s.warmUp == .days(1))
        #expect(s.replications == .fixed(4))
        guard case .components(let c) = s.system else { Issue.record("kind"); return }
        #expect(c.count == 3 && c.serviceQuorum == 2 && c.failure.repairCrews == 1)
        #expect(c.failure.timeToFailure == .exponential(mean: 864_000))
        #expect(abs(c.failure.timeToRepair.mean - 21_600) < 1e-9)
        #expect(s.expectations.allAgree)
    }

    /// Each mistake is reported with the file, the JSON path, the line, what was expected and what was found.
    @Test(arguments: [
        ("\"duration\": \"100d\"", "\"duration\": 100", "$.duration", "a duration string such as \"30s\" or \"4h\"", "100"),
        ("\"seed\": 3", "\"seed\": -1", "$.seed", "a non-negative integer below 2^53", "-1"),
        ("\"count\": 3", "\"count\": 0", "$.components.count", "an integer in 1…1000", "0"),
        ("\"mean\": \"10d\"", "\"mean\": \"10 days\"", "$.components.failure.ttf.exponential.mean",
         "a positive duration such as \"30s\" or \"4h\"", "\"10 days\""),
        ("\"replications\": 4", "\"replicatons\": 4", "$.replicatons", "one of", "unknown member \"replicatons\""),
        ("\"kind\": \"components\"", "\"kind\": \"componets\"", "$.kind", "one of \"components\"", "\"componets\""),
        ("\"shape\": 2", "\"shape\": 0", "$.components.failure.ttr.weibull.shape", "a shape in [0.1, 100]", "0"),
        ("\"repair_crews\": 1", "\"repair_crews\": 4", "$.components.failure.repair_crews", "an integer in 1…3", "4"),
        ("\"warm_up\": \"1d\"", "\"warm_up\": \"200d\"", "$.warm_up", "a warm-up shorter than the duration (100d)", "\"200d\""),
    ])
    func mistakesNameThePath(original: String, broken: String, path: String, expected: String, found: String) {
        let text = Self.valid.replacingOccurrences(of: original, with: broken)
        #expect(text != Self.valid)
        #expect { try ScenarioLoader.parse(text, file: "bad.json") } throws: { error in
            let e = error as! ScenarioError
            let message = e.description
            return e.path == path && e.expected.hasPrefix(expected) && e.found == found && e.file == "bad.json"
                && e.line != nil && message.hasPrefix("bad.json:")
        }
    }

    @Test func typosGetADidYouMeanHint() {
        let text = Self.valid.replacingOccurrences(of: "\"replications\": 4", with: "\"replicatons\": 4")
        #expect { try ScenarioLoader.parse(text, file: "x") } throws: {
            ($0 as! ScenarioError).hint == "did you mean \"replications\"?"
        }
    }

    @Test func missingRequiredMemberIsNamed() {
        let text = Self.valid.replacingOccurrences(of: "\"seed\": 3,", with: "")
        #expect { try ScenarioLoader.parse(text, file: "x") } throws: {
            let e = $0 as! ScenarioError
            return e.path == "$.seed" && e.found == "nothing"
        }
    }

    @Test func invalidJSONGivesLineAndColumn() {
        #expect { try ScenarioLoader.parse("{\n  \"name\": }", file: "x.json") } throws: {
            let e = $0 as! ScenarioError
            return e.line == 2 && e.expected == "valid JSON" && e.hint == "column 11"
        }
    }

    @Test func precisionPlanIsRead() throws {
        let text = Self.valid.replacingOccurrences(
            of: "\"replications\": 4", with: "\"replications\": {\"relative_precision\": 0.1, \"min\": 6, \"max\": 30}")
        #expect(try ScenarioLoader.parse(text, file: "x").replications == .precision(relativePrecision: 0.1, minimum: 6, maximum: 30))
    }

    static let cluster = """
        {"name": "c", "kind": "cluster", "seed": 4, "duration": "20m", "replications": 2,
         "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby"},
         "faults": [FAULT]}
        """

    @Test(arguments: [
        (#"{"at": "1m", "action": "crash", "host": "oozie1", "on_send_to": "db"}"#, "$.faults[0].on_send_to"),
        (#"{"at": "1m", "action": "pause", "host": "oozie1", "on_send_kind": "STORE_READ"}"#, "$.faults[0].on_send_kind"),
        (#"{"at": "1m", "action": "pause", "host": "oozie1", "on_send_to": "database"}"#, "$.faults[0].on_send_to"),
        (#"{"at": "1m", "action": "pause", "host": "oozie1", "on_send_to": "db", "on_send_kind": "STORE_RAED"}"#,
         "$.faults[0].on_send_kind"),
    ])
    func badSendTriggersAreNamed(fault: String, path: String) {
        #expect { try ScenarioLoader.parse(Self.cluster.replacingOccurrences(of: "FAULT", with: fault), file: "c.json") } throws: {
            ($0 as! ScenarioError).path == path
        }
    }

    /// A misspelt kind used to be accepted and the pause never fired; now it names the kind it meant.
    @Test func sendKindIsOneTheSystemSends() throws {
        let fault = #"{"at": "1m", "action": "pause", "host": "oozie1", "on_send_to": "db", "on_send_kind": "STORE_READ"}"#
        let scenario = try ScenarioLoader.parse(Self.cluster.replacingOccurrences(of: "FAULT", with: fault), file: "c.json")
        #expect(scenario.faults[0].onSendKind == StoreRequest.Kinds.read)
        let misspelt = Self.cluster.replacingOccurrences(of: "FAULT", with: fault.replacingOccurrences(of: "STORE_READ", with: "STORE_RAED"))
        #expect { try ScenarioLoader.parse(misspelt, file: "c.json") } throws: {
            let error = $0 as! ScenarioError
            return error.hint == "did you mean \"STORE_READ\"?" && error.found == "\"STORE_RAED\""
        }
    }

    @Test func metricBoundsNameKnownMetricsInTheKindsOrder() throws {
        let text = Self.valid.replacingOccurrences(
            of: "\"all_agree\": true",
            with: "\"all_agree\": true, \"metrics\": {\"all_up\": {\"at_most\": 0.9}, \"component_unavailability\": {\"at_least\": 0.01}}")
        let bounds = try ScenarioLoader.parse(text, file: "x").expectations.metricBounds
        #expect(bounds == [MetricBound(metric: "component_unavailability", atLeast: 0.01, atMost: nil),
                           MetricBound(metric: "all_up", atLeast: nil, atMost: 0.9)])
    }

    @Test(arguments: [
        (#""metrics": {"all_upp": {"at_most": 0.9}}"#, "$.expectations.metrics.all_upp", "did you mean \"all_up\"?"),
        (#""metrics": {"all_up": {"at_least": 0.9, "at_most": 0.5}}"#, "$.expectations.metrics.all_up", "the bounds leave no value"),
        (#""metrics": {"all_up": {}}"#, "$.expectations.metrics.all_up", nil),
    ])
    func badMetricBoundsAreNamed(member: String, path: String, hint: String?) {
        let text = Self.valid.replacingOccurrences(of: "\"all_agree\": true", with: "\"all_agree\": true, " + member)
        #expect { try ScenarioLoader.parse(text, file: "x") } throws: {
            let e = $0 as! ScenarioError
            return e.path == path && e.hint == hint
        }
    }
}

