import Simulation
import Testing
@testable import Orchestration

/// Counts, every 100 ms, the most pods of the workload that were not Ready at once.
final class UnavailabilityWatch: EventHandler {
    let orchestrator: Orchestrator
    let hosts: [HostID]
    var worst = 0
    var id: HandlerID!
    init(_ orchestrator: Orchestrator, _ hosts: [HostID], in simulator: Simulator) {
        self.orchestrator = orchestrator
        self.hosts = hosts
        id = simulator.register(self)
        simulator.schedule(after: .milliseconds(100), for: id)
    }
    func handle(_ event: Event, in simulator: Simulator) {
        worst = max(worst, hosts.filter { !orchestrator.isReady($0) }.count)
        simulator.schedule(after: .milliseconds(100), for: id)
    }
}

@Suite struct PlannedDisruptionTests {
    /// Two drains at once under a PDB of maxUnavailable 1: the second node's pod is evicted only
    /// after the first one is Ready again (on the uncordoned node), never two down together.
    @Test func drainsRespectTheDisruptionBudget() {
        var settings = testSettings(nodes: 3)
        settings.events = [
            KubernetesEvent(at: .zero + .seconds(100), .drain(for: .seconds(120)), node: 0),
            KubernetesEvent(at: .zero + .seconds(101), .drain(for: nil), node: 1),
        ]
        let (simulator, orchestrator, hosts) = cluster(settings: settings, count: 3, kind: .statefulSet, maxUnavailable: 1)
        let watch = UnavailabilityWatch(orchestrator, hosts, in: simulator)
        let onNode1 = hosts.first { orchestrator.node(of: $0) == 1 }!
        simulator.run(until: .zero + .seconds(200))
        #expect(orchestrator.node(of: onNode1) == 1)  // refused: the first pod is still pending
        simulator.run(until: .zero + .seconds(600))
        #expect(watch.worst == 1)
        #expect(orchestrator.node(of: onNode1) != 1)
        #expect(orchestrator.plannedWindows.count == 2)
        #expect(orchestrator.phases.plannedDisruptions == 2)
    }

    /// A StatefulSet rolling update replaces zk-2, zk-1, zk-0 in that order, one at a time, and
    /// closes its planned window when the last one is Ready.
    @Test func rollingUpdateGoesDownTheOrdinals() {
        var settings = testSettings(nodes: 3)
        settings.events = [KubernetesEvent(at: .zero + .seconds(100), .rollout(group: "app"))]
        let (simulator, orchestrator, hosts) = cluster(settings: settings, count: 3, kind: .statefulSet, maxUnavailable: 1)
        let watch = UnavailabilityWatch(orchestrator, hosts, in: simulator)
        var order: [HostID] = []
        orchestrator.onEvent = { event, subject in
            if event == "updating" { order.append(hosts[Int(String(subject.last!))!]) }
        }
        simulator.run(until: .zero + .seconds(400))
        #expect(order == [hosts[2], hosts[1], hosts[0]])
        #expect(watch.worst == 1)
        #expect(orchestrator.plannedWindows.count == 1 && orchestrator.plannedWindows[0].end != nil)
        #expect(hosts.allSatisfy { orchestrator.isReady($0) })
    }
}
