import Simulation
import Testing
@testable import Orchestration

@Suite struct KubeletTests {
    /// A hung process is killed after failureThreshold failed liveness probes (each waiting
    /// timeoutSeconds) plus the termination grace period a hung process cannot cut short: with the
    /// defaults, 2 × 10 + 1 + 30 < delay ≤ 3 × 10 + 1 + 30 s (the first failing tick comes within a
    /// period of the hang). The first exit restarts at once; the process runs 2 s later.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func hungContainerIsKilledByLiveness(seed: UInt64) {
        let (simulator, orchestrator, hosts) = cluster(seed: seed)
        simulator.at(100) { $0.pause(hosts[0]) }
        simulator.run(until: .zero + .seconds(300))
        let detection = orchestrator.phases[.livenessDetection]
        #expect(detection.count == 1)
        #expect(detection.allSatisfy { $0 > 51 && $0 <= 61 })
        #expect(orchestrator.phases[.restartBackoff] == [0])
        #expect(orchestrator.phases[.containerStart] == [2])
        #expect(orchestrator.restartCount(hosts[0]) == 1)
        #expect(simulator.status(of: hosts[0]) == .up)
        #expect(orchestrator.isReady(hosts[0]))
    }

    /// Without the grace period the kill comes 30 s earlier: the grace is what a hang costs beyond the probes.
    @Test func gracePeriodIsPartOfTheLivenessDelay() {
        var settings = testSettings()
        settings.terminationGracePeriod = .zero
        let (simulator, orchestrator, hosts) = cluster(seed: 1, settings: settings)
        simulator.at(100) { $0.pause(hosts[0]) }
        simulator.run(until: .zero + .seconds(300))
        #expect(orchestrator.phases[.livenessDetection].allSatisfy { $0 > 21 && $0 <= 31 })
    }

    /// A container that crashes one second after every start: the kubelet's waits are 0, 10, 20,
    /// 40, 80 s, so the fifth crash waits 80 s (the first restart is immediate).
    @Test func crashLoopBacksOff() {
        let (simulator, orchestrator, hosts) = cluster()
        _ = CrashAfterStart(host: hosts[0], after: .seconds(1), in: simulator)
        simulator.at(50) { $0.crash(hosts[0]) }
        simulator.run(until: .zero + .seconds(50 + 400))
        #expect(Array(orchestrator.phases[.restartBackoff].prefix(6)) == [0, 10, 20, 40, 80, 160])
        #expect(orchestrator.phases[.containerStart].allSatisfy { $0 == 2 })
    }

    /// Readiness: a restarted process gets a readiness probe at the kubelet's next relist (within
    /// 1 s, not at the next tick), and the Service routes to it one propagation delay later.
    @Test func readinessGatesTheEndpoint() {
        let (simulator, orchestrator, hosts) = cluster()
        let watch = EndpointWatch(orchestrator, hosts[0], in: simulator)
        simulator.at(100) { $0.crash(hosts[0]) }
        simulator.run(until: .zero + .seconds(200))
        let readiness = orchestrator.phases[.readiness]
        #expect(readiness.count == 1 && readiness[0] > 0 && readiness[0] <= 1)
        // Removed 1 s after the exit (propagation), added back 1 s after Ready.
        #expect(watch.changes.count == 3)
        #expect(abs(watch.changes[1].time - 101) < 0.15)
        #expect(abs(watch.changes[2].time - (102 + readiness[0] + 1)) < 0.15)
    }

    /// The seam: a process the gate calls unready never becomes an endpoint, without being killed.
    @Test func readinessGateKeepsAPodOutOfTheService() {
        let (simulator, orchestrator, hosts) = cluster()
        var gateOpen = true
        orchestrator.readinessGate = { _ in gateOpen }
        simulator.at(100) { _ in gateOpen = false }
        simulator.run(until: .zero + .seconds(200))
        #expect(!orchestrator.isEndpoint(hosts[0]))
        #expect(orchestrator.restartCount(hosts[0]) == 0)
    }

    /// Same seed, same trace digest; another seed, another one.
    @Test func deterministic() {
        func digest(_ seed: UInt64) -> UInt64 {
            var settings = testSettings()
            settings.nodeFailure = FailureModel(timeToFailure: .exponential(mean: 3_600), timeToRepair: .exponential(mean: 600))
            settings.hangShare = 0.5
            let simulator = Simulator(seed: seed)
            let hosts = (0..<3).map { i in simulator.addHost("zk\(i)") { _ in Idle() } }
            let group = PodGroup(
                name: "zk", kind: .statefulSet, hosts: hosts, containerFailure: .exponential(mean: 1_800), maxUnavailable: 1,
                inService: true)
            let orchestrator = Orchestrator(settings: settings, groups: [group])
            orchestrator.attach(to: simulator)
            simulator.run(until: .zero + .days(2))
            return simulator.trace.digest
        }
        #expect(digest(7) == digest(7))
        #expect(digest(7) != digest(8))
    }
}

/// Crashes a host `after` every (re)start: a container that cannot stay up.
final class CrashAfterStart: Observer, EventHandler {
    let host: HostID
    let after: SimDuration
    unowned let simulator: Simulator
    var id: HandlerID!
    /// While false, starts are left alone.
    var enabled = true
    init(host: HostID, after: SimDuration, in simulator: Simulator) {
        self.host = host
        self.after = after
        self.simulator = simulator
        id = simulator.register(self)
        simulator.addObserver(self)
    }
    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard enabled, host == self.host, case .restarted? = observation as? HostEvent else { return }
        simulator.schedule(at: time + after, for: id)
    }
    func handle(_ event: Event, in simulator: Simulator) { simulator.crash(host) }
}
