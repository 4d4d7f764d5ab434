import Foundation
import Coordination
import Scheduler
import Simulation
import Testing
@testable import Scenarios

@Suite struct ClusterReplicationTests {
    static func scenario(mode: String, faults: String, extra: String = "") throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "c", "kind": "cluster", "seed": 8, "duration": "1h", "warm_up": "2m", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "\(mode)",
                         "action_duration": {"exponential": {"mean": "30s"}}, "probe": {"interval": "10s"}\(extra)},
             "faults": \(faults)}
            """, file: "c.json")
    }

    /// The scheduler that holds the latch crashes; the standby takes over: one more leadership,
    /// a short outage seen by the probe, and both checkers clean.
    @Test func activeStandbyFailsOverWhenTheLeaderCrashes() throws {
        let s = try Self.scenario(mode: "active-standby",
            faults: #"[{"at": "20m", "action": "crash", "host": "oozie1"}, {"at": "21m", "action": "crash", "host": "oozie2"}, {"at": "22m", "action": "restart", "host": "oozie2"}, {"at": "40m", "action": "restart", "host": "oozie1"}]"#)
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(0)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(m["service_availability"]! > 0.9 && m["service_availability"]! < 1)
        #expect(m["failovers_per_day"]! > 0)
        #expect(!outcome.outageSeconds.isEmpty)
        #expect(outcome.timeline.contains { $0.event == "outage_start" })
        #expect(runner.replicate(0) == outcome)
    }

    @Test func theDatabaseOutageIsWhatTheProbeSees() throws {
        let s = try Self.scenario(mode: "load-balanced",
            faults: #"[{"at": "20m", "action": "crash", "host": "db"}, {"at": "30m", "action": "restart", "host": "db"}]"#)
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(1)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        // 10 of the 58 measured minutes without the database, exactly; about 17% of the probes fail.
        #expect(m["service_unavailability"]! == 10.0 / 58, "\(m)")
        #expect(abs(m["probe_availability"]! - 48.0 / 58) < 0.03, "\(m)")
        #expect(outcome.outageSeconds == [600])
    }

    @Test func theSeriesModelMultipliesThePartsAndKeepsTheSmallDigits() throws {
        let s = try ScenarioLoader.parse("""
            {"name": "c", "kind": "cluster", "seed": 8, "duration": "1h", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "failures": {"database": {"ttf": {"exponential": {"mean": "99999h"}}, "ttr": {"exponential": {"mean": "1h"}}},
                            "schedulers": {"ttf": {"exponential": {"mean": "9h"}}, "ttr": {"exponential": {"mean": "1h"}}}}}}
            """, file: "c.json")
        let models = ScenarioModels(scenario: s).predictions
        let u = models.first { $0.metric == "service_unavailability" }!.value
        // U = 1 − (1 − 1e-5)(1 − 0.01) = 0.01 + 1e-5 − 1e-7, to the last digit.
        #expect(abs(u - (0.01 + 0.99 * 1e-5)) < 1e-15)
    }

    /// Active-standby pair with a crew each and an instant switchover: the CTMC gives docs/models.md's
    /// hot-standby closed form A = (1 + 2ρ)/(1 + ρ)², here in series with nothing else.
    @Test func theActiveStandbyRowIsTheHotStandbyClosedForm() throws {
        let s = try ScenarioLoader.parse("""
            {"name": "c", "kind": "cluster", "seed": 8, "duration": "1h", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "failures": {"schedulers": {"ttf": {"exponential": {"mean": "9h"}}, "ttr": {"exponential": {"mean": "1h"}}}}}}
            """, file: "c.json")
        let rows = ScenarioModels(scenario: s).predictions.filter { $0.metric == "service_availability" }
        #expect(rows.map(\.model) == ["series: scheduler", "series with the active/standby CTMC, instant switchover"])
        let rho = 1.0 / 9
        #expect(abs(rows[1].value - (1 + 2 * rho) / ((1 + rho) * (1 + rho))) < 1e-13)
        #expect(abs(rows[0].value - rows[1].value) < 1e-13)  // hot standby, instant switch: the block diagram
    }

    /// Assumed coverage and switchover time go into the active/standby CTMC; the value matches
    /// docs/models.md's closed form with a deterministic τ: a = cλ(1−e^{−(λs+μ)τ})/(λs+μ),
    /// b = (1−c)λ/(μ+λs), x₁ = (λ+λs)/μ − a − b, x₀ = (λx₁ + λs(a+b))/(rμ), U = (a+b+x₀)/(1+a+b+x₁+x₀).
    @Test func assumedCoverageAndSwitchoverTimeEnterTheCTMC() throws {
        let s = try ScenarioLoader.parse("""
            {"name": "c", "kind": "cluster", "seed": 8, "duration": "1h", "replications": 2,
             "analysis": {"coverage": 0.9, "switchover_time": "30s"},
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "workflow": {"name": "inline", "start": "a", "nodes": [
                 {"name": "a", "type": "action", "action": "shell", "ok": "end", "error": "kill"},
                 {"name": "end", "type": "end"}, {"name": "kill", "type": "kill", "message": "x"}]},
               "failures": {"schedulers": {"ttf": {"exponential": {"mean": "9h"}}, "ttr": {"exponential": {"mean": "1h"}}}}}}
            """, file: "c.json")
        guard case .cluster(let spec) = s.system else { Issue.record("kind"); return }
        #expect(spec.workflow.name == "inline")
        let row = try #require(ScenarioModels(scenario: s).predictions.first {
            $0.metric == "service_unavailability" && $0.model.contains("CTMC")
        })
        #expect(row.model == "series with the active/standby CTMC, assumed switchover 30s, coverage 0.9")
        let (l, ls, mu, c, tau, r) = (1.0 / (9 * 3600), 1.0 / (9 * 3600), 1.0 / 3600, 0.9, 30.0, 2.0)
        let a = c * l * (1 - exp(-(ls + mu) * tau)) / (ls + mu)
        let b = (1 - c) * l / (mu + ls)
        let x1 = (l + ls) / mu - a - b
        let x0 = (l * x1 + ls * (a + b)) / (r * mu)
        let u = (a + b + x0) / (1 + a + b + x1 + x0)
        #expect(abs(row.value / u - 1) < 1e-9, "\(row.value) vs \(u)")
    }

    /// Oozie's, Curator's and HAProxy's settings are read, and default to the real systems' values.
    @Test func oozieCuratorAndHAProxySettingsAreReadWithTheRealDefaults() throws {
        guard case .cluster(let defaults) = try Self.scenario(mode: "load-balanced", faults: "[]").system else {
            Issue.record("kind")
            return
        }
        #expect(defaults.sessionTimeout == .seconds(300) && defaults.latch == .reset && defaults.exitOnSessionLoss)
        #expect(defaults.supervisorRestartDelay == .seconds(30))
        #expect(defaults.healthCheck == HealthCheckSettings(interval: .seconds(2), timeout: nil, fall: 3, rise: 2))
        let set = try Self.scenario(mode: "active-standby", faults: "[]", extra: """
            , "session_timeout": "10s", "latch": "curator-5.4", "shutdown_on_session_loss": false,
              "supervisor_restart_delay": null, "health_check": {"timeout": "500ms"}
            """)
        guard case .cluster(let spec) = set.system else { Issue.record("kind"); return }
        #expect(spec.sessionTimeout == .seconds(10) && spec.latch == .recheck && !spec.exitOnSessionLoss)
        #expect(spec.supervisorRestartDelay == nil && spec.healthCheck.timeout == .milliseconds(500))
        #expect(throws: ScenarioError.self) {
            try Self.scenario(mode: "active-standby", faults: "[]", extra: #", "latch": "curator-3""#)
        }
    }

    /// The topology knobs reach the components: a database slower than the probe's 10 s timeout
    /// fails every submission, while the same cluster with the default 2 ms answers them all.
    @Test func topologySettingsAreReadAndTakeEffect() throws {
        let slow = try Self.scenario(mode: "active-standby", faults: "[]", extra: """
            , "database": {"service_time": "20s"}, "health_check": {"interval": "1s", "fall": 2, "rise": 1},
              "action_failures": {"probability": 0.25, "transient_share": 0.5}
            """)
        guard case .cluster(let spec) = slow.system else { Issue.record("kind"); return }
        #expect(spec.databaseServiceTime == .seconds(20))
        #expect(spec.healthCheck == HealthCheckSettings(interval: .seconds(1), fall: 2, rise: 1))
        #expect(spec.actionFailureProbability == 0.25 && spec.actionTransientShare == 0.5)
        let runner = ReplicationRunner(scenario: slow, jobs: 1)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), runner.replicate(0).metrics))
        #expect(m["service_availability"] == 0)
        let normal = ReplicationRunner(scenario: try Self.scenario(mode: "active-standby", faults: "[]"), jobs: 1)
        let n = Dictionary(uniqueKeysWithValues: zip(normal.metricIDs.map(\.key), normal.replicate(0).metrics))
        #expect(n["service_availability"] == 1)
    }
}

