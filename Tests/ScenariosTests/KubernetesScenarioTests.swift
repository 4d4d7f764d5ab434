import Foundation
import Orchestration
import Simulation
import Testing
@testable import Scenarios

@Suite struct KubernetesScenarioTests {
    static func text(platform: String, faults: String = "[]") -> String {
        """
        {"name": "k", "kind": "cluster", "seed": 8, "duration": "1h", "warm_up": "2m", "replications": 2,
         "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
                     "action_duration": {"exponential": {"mean": "30s"}}, "probe": {"interval": "10s"},
                     "platform": \(platform)},
         "faults": \(faults)}
        """
    }

    static func spec(_ platform: String) throws -> ClusterSpec {
        guard case .cluster(let spec) = try ScenarioLoader.parse(text(platform: platform), file: "k.json").system else {
            preconditionFailure("a cluster")
        }
        return spec
    }

    /// An empty kubernetes object is every Kubernetes default; "vm" is no orchestrator.
    @Test func platformDefaultsAreKubernetesDefaults() throws {
        #expect(try Self.spec(#"{"kubernetes": {}}"#).kubernetes == KubernetesSettings())
        #expect(try Self.spec(#"{"vm": {}}"#).kubernetes == nil)
        let custom = try Self.spec(#"""
            {"kubernetes": {"nodes": 5, "probes": {"liveness": {"period": "5s", "failure_threshold": 6}, "readiness": null},
              "restart_backoff": {"initial": "1s", "max": "1m"}, "toleration_seconds": "30s",
              "events": [{"at": "10m", "action": "drain", "node": "node-4", "for": "5m"},
                         {"at": "20m", "action": "rollout", "workload": "zk"}]}}
            """#).kubernetes!
        #expect(custom.nodes == 5 && custom.liveness?.period == .seconds(5) && custom.liveness?.failureThreshold == 6)
        #expect(custom.liveness?.timeout == .seconds(1) && custom.readiness == nil)
        #expect(custom.restartBackoffInitial == .seconds(1) && custom.tolerationSeconds == .seconds(30))
        #expect(custom.events == [
            KubernetesEvent(at: .zero + .minutes(10), .drain(for: .minutes(5)), node: 4),
            KubernetesEvent(at: .zero + .minutes(20), .rollout(group: "zk")),
        ])
    }

    /// Mistakes name the JSON path and what was expected.
    @Test(arguments: [
        (#"{"vm": {}, "kubernetes": {}}"#, "$.cluster.platform", "exactly one of"),
        (#"{"kubernetes": {"nodes": 0}}"#, "$.cluster.platform.kubernetes.nodes", "an integer in 1…100"),
        (#"{"kubernetes": {"probes": {"liveness": {"success_threshold": 2}}}}"#, "$.cluster.platform.kubernetes.probes.liveness",
         "\"success_threshold\": 1"),
        (#"{"kubernetes": {"events": [{"at": "1m", "action": "drain", "node": "node-9"}]}}"#,
         "$.cluster.platform.kubernetes.events[0].node", "one of"),
        (#"{"kubernetes": {"events": [{"at": "1m", "action": "rollout", "workload": "web"}]}}"#,
         "$.cluster.platform.kubernetes.events[0].workload", "one of"),
        (#"{"kubernetes": {"restart_backoff": {"initial": "1m", "max": "10s"}}}"#,
         "$.cluster.platform.kubernetes.restart_backoff.max", "a maximum ≥"),
    ])
    func mistakesNameThePath(platform: String, path: String, expected: String) {
        #expect { try ScenarioLoader.parse(Self.text(platform: platform), file: "bad.json") } throws: { error in
            let e = error as! ScenarioError
            return e.path == path && e.expected.hasPrefix(expected) && e.file == "bad.json"
        }
    }

    /// The latch holder's container hangs for good: the kubelet kills it after its liveness probes
    /// and the grace period (51–61 s with the defaults), restarts it in place, and the report gets
    /// the phases; the invariants hold and a replication is reproducible.
    @Test func hungSchedulerIsKilledAndTheReportHasThePhases() throws {
        let s = try ScenarioLoader.parse(
            Self.text(platform: #"{"kubernetes": {}}"#, faults: #"[{"at": "20m", "action": "pause", "host": "oozie1"}]"#),
            file: "k.json")
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(0)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        let detection = outcome.orchestration[.livenessDetection]
        #expect(detection.count == 1 && detection[0] > 51 && detection[0] <= 61)
        #expect(outcome.orchestration[.restartBackoff] == [0])
        #expect(outcome.orchestration.restarts == 1)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
        #expect(m["container_restarts_per_day"]! > 0 && m["planned_unavailability"] == 0)
        #expect(outcome.timeline.contains { $0.event == "k8s_kill" && $0.subject.hasPrefix("oozie-0") })
        #expect(runner.replicate(0) == outcome)
        let names = PhaseDurations.phases(for: s.system).map(\.name)
        #expect(names.contains("k8s_liveness_detection") && names.contains("k8s_rescheduling"))
    }

    /// A shard file carries the orchestrator's phases, so a merge rebuilds them exactly.
    @Test func shardFilesKeepTheOrchestratorPhases() throws {
        let s = try ScenarioLoader.parse(
            Self.text(platform: #"{"kubernetes": {}}"#, faults: #"[{"at": "20m", "action": "pause", "host": "oozie1"}]"#),
            file: "k.json")
        let outcome = ReplicationRunner(scenario: s, jobs: 1).replicate(1)
        let text = ShardFile.encode(scenario: s, shard: 0, of: 1, outcomes: [outcome])
        let decoded = try ShardFile.decode(text, file: "shard.json")
        #expect(decoded.outcomes == [outcome])
    }
}
