import Simulation
import Testing
@testable import Orchestration

@Suite struct DeploymentRolloutTests {
    /// A Deployment of `replicas` pods in `slots` slots on 6 nodes, rolled out at 100 s.
    func rollout(replicas: Int, slots: Int, surge: RollingUpdateValue = .percent(25), unavailable: RollingUpdateValue = .percent(25))
        -> (Simulator, Orchestrator, [HostID])
    {
        var settings = testSettings(nodes: 6)
        settings.deploymentMaxSurge = surge
        settings.deploymentMaxUnavailable = unavailable
        settings.events = [KubernetesEvent(at: .zero + .seconds(100), .rollout(group: "app"))]
        let simulator = Simulator(seed: 1, recordTrace: false)
        let hosts = (0..<slots).map { i in simulator.addHost("pod\(i)", durable: { Volume() }) { _ in Idle() } }
        let group = PodGroup(name: "app", kind: .deployment, hosts: hosts, inService: true, replicas: replicas)
        let orchestrator = Orchestrator(settings: settings, groups: [group])
        orchestrator.attach(to: simulator)
        return (simulator, orchestrator, hosts)
    }

    /// Kubernetes' rounding: maxSurge 25 % rounds up, maxUnavailable 25 % rounds down; both 0 → 1 unavailable.
    @Test func fenceposts() {
        let s = KubernetesSettings()
        #expect(s.rollingUpdateBounds(replicas: 2) == (1, 0))
        #expect(s.rollingUpdateBounds(replicas: 4) == (1, 1))
        #expect(s.rollingUpdateBounds(replicas: 10) == (3, 2))
        var zero = KubernetesSettings()
        zero.deploymentMaxSurge = .pods(0)
        zero.deploymentMaxUnavailable = .percent(25)
        #expect(zero.rollingUpdateBounds(replicas: 2) == (0, 1))
    }

    /// 2 replicas, 25 %/25 %: surge 1, unavailable 0. A new pod is created, and an old one deleted
    /// only once it is Ready, twice; the Service never has fewer than 2 Ready pods; the rollout is
    /// one planned window from 100 s to the last new pod's readiness.
    @Test func twoReplicasSurgeOneAtATime() {
        let (simulator, o, hosts) = rollout(replicas: 2, slots: 3)
        simulator.run(until: .zero + .seconds(99))
        #expect(hosts.map { o.hasPod($0) } == [true, true, false])
        o.startMeasuring(at: simulator.now)
        simulator.run(until: .zero + .seconds(400))
        let fractions = o.readyPods[0].fractions(until: simulator.now)
        #expect(fractions[0] == 0 && fractions[1] == 0)  // never below replicas − maxUnavailable = 2
        #expect(hosts.filter { o.hasPod($0) }.count == 2)
        #expect(o.pods.filter { $0.phase != .absent }.allSatisfy { $0.revision == 1 && $0.isReady })
        #expect(o.plannedWindows.count == 1)
        let window = o.plannedWindows[0]
        // Two new pods one after the other, each bound (0.1 s) and started (2 s), Ready within the
        // 1 s relist; the first pulls the image on a fresh node (8 s), the second goes to the node
        // the deleted old pod left, which has it.
        #expect(window.start == .zero + .seconds(100))
        let length = window.end.map { ($0 - window.start).seconds } ?? 0
        #expect(length >= 12.2 && length <= 14.2)
        #expect(!o.isPlannedDisruptionUnderWay)
    }

    /// 4 replicas: surge 1, unavailable 1, so an old pod goes at once and at least 3 stay Ready.
    @Test func fourReplicasKeepThreeReady() {
        let (simulator, o, hosts) = rollout(replicas: 4, slots: 5)
        simulator.run(until: .zero + .seconds(99))
        o.startMeasuring(at: simulator.now)
        simulator.run(until: .zero + .milliseconds(100_100))
        // One new pod and one old deleted at once; that leaves room under replicas + surge for a
        // second new one: 2 new (not Ready yet) and 3 old (Ready) = minAvailable.
        #expect(hosts.filter { o.hasPod($0) }.count == 5)
        #expect(hosts.filter { o.isReady($0) }.count == 3)
        simulator.run(until: .zero + .seconds(400))
        let fractions = o.readyPods[0].fractions(until: simulator.now)
        #expect(fractions[0] + fractions[1] + fractions[2] == 0)
        #expect(fractions[3] > 0)
        #expect(o.pods.filter { $0.phase != .absent }.count == 4)
        #expect(o.pods.filter { $0.phase != .absent }.allSatisfy { $0.revision == 1 })
        #expect(o.plannedWindows[0].end != nil)
    }
}
