import Foundation
import Orchestration
import Simulation
import Testing
@testable import Scenarios

/// The analytic MTTR on Kubernetes comes from the orchestrator's settings, not the failure models' ttr.
@Suite struct KubernetesRepairTests {
    /// Defaults with a fifth of failures hanging: a crash costs the start (mean 2 s) and the relist
    /// (0.5 s); a hang first 10 × 2.5 + 1 + 30 = 56 s of liveness and grace.
    @Test func containerRepair() {
        var s = KubernetesSettings()
        s.hangShare = 0.2
        #expect(abs(KubernetesRepair.containerSeconds(s) - (0.8 * 2.5 + 0.2 * 58.5)) < 1e-9)
        s.liveness = nil
        #expect(KubernetesRepair.containerSeconds(s) == .infinity)
    }

    /// A node loss: NotReady 40 − 5 + 2.5 = 37.5 s, eviction 300 s, scheduling 0.1 s, pull 8 s,
    /// start 2.5 s, raced by the node's return; a StatefulSet pod waits for the node.
    @Test func nodeRepair() {
        let s = KubernetesSettings()
        let moved = 37.5 + 300 + 0.1 + 8 + 2.5
        #expect(abs(KubernetesRepair.nodeSeconds(s, statefulSet: false, nodeRepair: 1_800) - (1_800 * (1 - exp(-moved / 1_800)) + 2.5)) < 1e-9)
        #expect(KubernetesRepair.nodeSeconds(s, statefulSet: true, nodeRepair: 1_800) == 1_802.5)
    }

    /// The cluster's rows use the orchestrator's MTTR and say so; the ttr of the scenario is ignored.
    @Test func clusterRowsSayWhereTheirRepairsComeFrom() throws {
        let text = KubernetesScenarioTests.text(platform: #"{"kubernetes": {}}"#)
            .replacingOccurrences(of: #""platform":"#, with: #""failures": {"schedulers": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "10h"}}}}, "platform":"#)
        let scenario = try ScenarioLoader.parse(text, file: "k.json")
        let rows = AnalyticPredictions.predictions(for: scenario, group: nil, outcomes: [])
        let scheduler = try #require(rows.first { $0.metric == "scheduler_availability" })
        #expect(scheduler.model.contains("Kubernetes MTTR from the orchestrator's settings (oozie 2.5 s)"))
        let p = 2.5 / (6 * 3_600 + 2.5)
        #expect(abs(scheduler.value - (1 - p * p)) < 1e-12)
    }
}
