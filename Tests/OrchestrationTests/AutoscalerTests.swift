import Simulation
import Testing
@testable import Orchestration

@Suite struct AutoscalerTests {
    /// A Deployment of `slots` slots with `replicas` pods on 4 nodes, autoscaled on `load`.
    func autoscaled(replicas: Int = 1, slots: Int = 4, load: [(Double, Double)], seed: UInt64 = 1)
        -> (Simulator, Orchestrator, [HostID])
    {
        var settings = testSettings(nodes: 4)
        var hpa = AutoscalerSettings(workload: "app", maxReplicas: slots, targetRequestsPerPod: 10)
        hpa.load = load.map { (SimDuration(seconds: $0.0), $0.1) }
        settings.autoscaler = hpa
        let simulator = Simulator(seed: seed, recordTrace: false)
        let hosts = (0..<slots).map { i in simulator.addHost("pod\(i)", durable: { Volume() }) { _ in Idle() } }
        let group = PodGroup(name: "app", kind: .deployment, hosts: hosts, inService: true, replicas: replicas)
        let orchestrator = Orchestrator(settings: settings, groups: [group])
        orchestrator.attach(to: simulator)
        return (simulator, orchestrator, hosts)
    }

    /// When `replicas` first differs from `from`, polling every 100 ms from `start`.
    func firstChange(_ simulator: Simulator, _ o: Orchestrator, from: Int, after start: Double, until end: Double) -> Double? {
        simulator.run(until: .zero + SimDuration(seconds: start))
        while simulator.now.seconds < end {
            simulator.run(for: .milliseconds(100))
            if o.replicas(of: "app") != from { return simulator.now.seconds }
        }
        return nil
    }

    /// Within the 10 % tolerance nothing happens; above target × 1.1 the next sync (within one
    /// 15 s period) scales to ceil(replicas × load / target).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func scalesUpAtTheNextSyncOnceLoadLeavesTheTolerance(seed: UInt64) {
        let (simulator, o, hosts) = autoscaled(load: [(0, 10.5), (100, 25)], seed: seed)
        #expect(firstChange(simulator, o, from: 1, after: 0, until: 100) == nil)  // 10.5 ≤ 10 × 1.1
        let changed = firstChange(simulator, o, from: 1, after: 100, until: 200)!
        #expect(changed > 100 && changed <= 115.1)
        #expect(o.replicas(of: "app") == 3)  // ceil(1 × 25 / 10)
        // The new pods go through scheduling (0.1 s), pull (8 s, fresh nodes) and start (2 s), then readiness.
        simulator.run(until: .zero + SimDuration(seconds: changed + 10.1 + 1.1))
        #expect(hosts.prefix(3).allSatisfy { o.isReady($0) })
        #expect(!o.hasPod(hosts[3]))
        #expect(o.phases[.containerStart] == [10, 10])
        #expect(Set(hosts.prefix(3).map { o.node(of: $0)! }).count == 3)
    }

    /// A load that falls is followed down only when no recommendation of the last 300 s was higher:
    /// the last sync that saw the high load came in (385, 400], so the scale-down comes 300 s after it.
    @Test(arguments: [1, 2] as [UInt64])
    func scaleDownWaitsForTheStabilisationWindow(seed: UInt64) {
        let (simulator, o, hosts) = autoscaled(replicas: 3, load: [(0, 30), (400, 5)], seed: seed)
        #expect(firstChange(simulator, o, from: 3, after: 0, until: 400) == nil)
        let changed = firstChange(simulator, o, from: 3, after: 400, until: 1_000)!
        #expect(changed > 685 && changed <= 700.1)
        #expect(o.replicas(of: "app") == 1)  // ceil(3 × 5 / 3 / 10) = ceil(0.5)
        simulator.run(for: .seconds(1))
        #expect(hosts.filter { o.hasPod($0) }.count == 1)
        #expect(o.rescales == 1)
    }

    /// The replica calculator's treatment of pods without metrics (replica_calculator.go).
    @Test func podsWithoutMetrics() {
        var hpa = AutoscalerSettings(workload: "app", maxReplicas: 10, targetRequestsPerPod: 10)
        hpa.tolerance = 0.1
        let a = Autoscaler(hpa)
        #expect(a.metricReplicas(current: 2, load: 21, reporting: 2, unready: 0, missing: 0) == 2)  // ratio 1.05
        #expect(a.metricReplicas(current: 2, load: 40, reporting: 2, unready: 0, missing: 0) == 4)
        // Scaling up, a missing pod counts as 0: 40 over 3 pods is 1.33 → ceil(4) = 4.
        #expect(a.metricReplicas(current: 3, load: 40, reporting: 2, unready: 0, missing: 1) == 4)
        // … and can bring the change within the tolerance: 22 over 2 is 1.1+, over 3 it is 0.73 → no change.
        #expect(a.metricReplicas(current: 3, load: 22.2, reporting: 2, unready: 0, missing: 1) == 3)
        // Scaling down, a missing pod counts at target: (5 + 10) / 2 / 10 = 0.75 → ceil(1.5) = 2.
        #expect(a.metricReplicas(current: 2, load: 5, reporting: 1, unready: 0, missing: 1) == 2)
        // Pending pods count as 0 only when scaling up: 30 over (1 + 2) = 1.0 → within tolerance.
        #expect(a.metricReplicas(current: 3, load: 30, reporting: 1, unready: 2, missing: 0) == 3)
        #expect(a.metricReplicas(current: 3, load: 0, reporting: 0, unready: 3, missing: 0) == 3)
    }

    /// Scale-up policies: at most max(2 × current, current + 4) per sync; clamped to [min, max].
    @Test func scaleUpRateAndBounds() {
        var hpa = AutoscalerSettings(workload: "app", maxReplicas: 16, targetRequestsPerPod: 1)
        hpa.load = [(.zero, 1_000)]
        var a = Autoscaler(hpa)
        #expect(a.sync(at: .zero + .seconds(15), current: 1, reporting: 1, unready: 0, missing: 0) == 5)
        #expect(a.sync(at: .zero + .seconds(30), current: 5, reporting: 5, unready: 0, missing: 0) == 10)
        #expect(a.sync(at: .zero + .seconds(45), current: 10, reporting: 10, unready: 0, missing: 0) == 16)
    }
}
