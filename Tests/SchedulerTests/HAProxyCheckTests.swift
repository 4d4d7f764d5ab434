import Scheduler
import Simulation
import Testing

/// The balancer's checks against HAProxy 2.x (`src/check.c`) with its defaults: inter 2 s, fall 3,
/// rise 2, `timeout check` unset.
@Suite struct HAProxyCheckTests {
    @Test func healthCountsConsecutiveResultsAsHAProxyDoes() {
        var tracker = HealthTracker(fall: 3, rise: 2)
        // A fresh server is up, one failure from down (srv_settings_cpy).
        #expect(tracker.isHealthy && tracker.health == 2)
        var changes: [Bool] = []
        var healths: [Int] = []
        // fail (down), pass, fail (start again), pass, pass (up, full), fail, fail, pass (refilled), fail ×3 (down)
        for passed in [false, true, false, true, true, false, false, true, false, false, false] {
            changes.append(tracker.record(passed: passed))
            healths.append(tracker.health)
        }
        #expect(changes == [true, false, false, false, true, false, false, false, false, false, true])
        #expect(healths == [0, 1, 0, 1, 4, 3, 2, 4, 3, 2, 0])
    }

    /// When, after `event` at `at`, the balancer marked the backend down (seconds after `at`).
    func secondsToDown(at: SimDuration, health: HealthCheckSettings = .init(), _ event: (Simulator, HostID) -> Void) -> Double? {
        let sim = Simulator(seed: 7)
        let backend = sim.addHost("server", process: { _ in EchoBackend(name: "server") })
        sim.addHost("lb", process: { _ in LoadBalancer(backends: [backend], policy: .roundRobin, health: health) })
        let log = ObservationLog()
        sim.addObserver(log)
        sim.run(until: .zero + at)
        event(sim, backend)
        sim.run(until: .zero + at + .seconds(60))
        let down = log.entries.first { ($0.observation as? BalancerObservation)?.healthy == false }
        return down.map { ($0.time - (.zero + at)).seconds }
    }

    /// The delays to down of `event` at 20 offsets across one check cycle: each within `window`,
    /// and the sweep reaching both ends of it (within 0.3 s).
    func expectDelaysSpan(_ window: ClosedRange<Double>, _ event: @escaping (Simulator, HostID) -> Void) {
        let offsets = (0..<20).map { SimDuration.seconds(20) + .milliseconds(100 * Int64($0)) }
        let delays = offsets.compactMap { at in secondsToDown(at: at, event) }
        #expect(delays.count == offsets.count)
        #expect(delays.allSatisfy { window.contains($0) }, "\(delays)")
        #expect(delays.min()! < window.lowerBound + 0.3 && delays.max()! > window.upperBound - 0.4, "\(delays)")
    }

    /// Crashes over one check cycle: the OS refuses the checks, three fail 2 s apart.
    @Test func aRefusingBackendIsDownFourToSixSecondsAfterItDied() {
        expectDelaysSpan(4.0...6.1) { $0.crash($1) }
    }

    /// A frozen backend answers nothing: each check times out after inter, the next starts inter later.
    @Test func aSilentBackendIsDownTenToTwelveSecondsAfterItFroze() {
        expectDelaysSpan(10.0...12.1) { $0.pause($1) }
    }

    @Test func timeoutCheckShortensASilentBackendsChecks() {
        let health = HealthCheckSettings(interval: .seconds(2), timeout: .milliseconds(500), fall: 3, rise: 2)
        let delay = secondsToDown(at: .seconds(21), health: health) { $0.pause($1) }
        // Checks start every 2.5 s (0.5 s timeout + 2 s inter): down 3 checks later, 5.5 to 7.5 s after.
        #expect(delay.map { (5.5...7.6).contains($0) } == true, "\(String(describing: delay))")
    }

    /// A restarted balancer starts its servers up but one failure from down: a dead backend is out
    /// after its first check, not after three.
    @Test func aRestartedBalancerDropsADeadBackendAtItsFirstCheck() {
        let sim = Simulator(seed: 3)
        let backends = (1...2).map { n in sim.addHost("server-\(n)", process: { _ in EchoBackend(name: "server-\(n)") }) }
        let balancer = sim.addHost("lb", process: { _ in LoadBalancer(backends: backends, policy: .roundRobin) })
        let log = ObservationLog()
        sim.addObserver(log)
        sim.run(until: .zero + .seconds(10))
        sim.crash(backends[1])
        sim.crash(balancer)
        sim.run(until: .zero + .seconds(30))
        sim.restart(balancer)
        sim.run(until: .zero + .seconds(40))
        let downs = log.entries.filter { ($0.observation as? BalancerObservation)?.healthy == false }.map { ($0.time - SimTime.zero).seconds }
        // server-2's first check after the restart starts at 31 s (1 of 2 backends: inter/2) and is refused.
        #expect(downs.count == 1 && (31.0...31.1).contains(downs[0]), "\(downs)")
    }
}
