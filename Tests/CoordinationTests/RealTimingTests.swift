import Coordination
import Simulation
import Testing

/// ZooKeeper 3.8's timings, measured in simulated time: each test asserts the real system's
/// figure and names where it comes from (`docs/faithfulness.md` has the table).
@Suite struct RealTimingTests {
    /// When each server went LOOKING, from the observations.
    final class StateLog: Observer {
        var looking: [(time: SimTime, host: HostID)] = []
        var leading: [(time: SimTime, host: HostID)] = []
        var established: [(time: SimTime, host: HostID)] = []
        var expiring: [(time: SimTime, session: SessionID)] = []
        func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
            switch observation {
            case ZabObservation.state(.looking): looking.append((time, host))
            case ZabObservation.state(.leading): leading.append((time, host))
            case ZabObservation.established: established.append((time, host))
            case ZabObservation.sessionExpiring(let session): expiring.append((time, session))
            default: break
            }
        }
    }

    /// A stable 3-server ensemble whose leader is killed (kill -9) 3 s in; with the time of the
    /// kill, the new leader's LEADING and its election (its last LOOKING → LEADING, seconds).
    static func killedLeader(seed: UInt64, record: Bool = false, tweak: (inout ZabConfig) -> Void = { _ in })
        -> (Ensemble, StateLog, crashedAt: SimTime, leading: SimTime, took: Double)?
    {
        let zk = Ensemble(size: 3, seed: seed, record: record, tweak: tweak)
        let log = StateLog()
        zk.sim.addObserver(log)
        guard zk.runUntilStable() else { return nil }
        zk.sim.run(for: .seconds(3))
        let crashedAt = zk.sim.now
        zk.sim.crash(zk.leader!, mode: .process)
        zk.sim.run(for: .seconds(5))
        guard let leading = log.leading.first(where: { $0.time > crashedAt }),
            let looking = log.looking.last(where: { $0.host == leading.host && $0.time > crashedAt })
        else { return nil }
        return (zk, log, crashedAt, leading.time, (leading.time - looking.time).seconds)
    }

    static func stableEnsemble(seed: UInt64, size: Int = 3) -> (Ensemble, StateLog) {
        let zk = Ensemble(size: size, seed: seed)
        let log = StateLog()
        zk.sim.addObserver(log)
        #expect(zk.runUntilStable())
        zk.sim.run(for: .seconds(3))
        return (zk, log)
    }

    /// `Learner` reads with a timeout of syncLimit × tickTime (10 s): a silent leader is noticed
    /// only then (the leader pings every half tick, so its last ping came at most a second before).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func aSilentLeaderCrashIsDetectedAfterSyncLimitTicks(seed: UInt64) throws {
        let (zk, log) = Self.stableEnsemble(seed: seed)
        let crashedAt = zk.sim.now
        zk.sim.crash(zk.leader!, mode: .host)
        zk.sim.run(for: .seconds(30))
        let detected = try #require(log.looking.first { $0.time > crashedAt }).time - crashedAt
        // 10 s ± one tick (2 s): the read timeout counts from the last ping, checked every half tick.
        #expect(detected >= .seconds(8) && detected <= .seconds(12), "detected after \(detected)")
        #expect(zk.leader != nil)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    /// A killed process's sockets are reset: the followers go LOOKING once they shut down their
    /// role. Measured on a real 3.8 when both followers' log files were short (under 5,000
    /// transactions; 18 trials): the first after 27.5 ms on average, the last after 33.0 ms.
    /// The fitted model (``ZabConfig/shutdownTime``, 27.6 ms median, σ 0.27, plus 1.1 µs per
    /// transaction) gives about 24.6 and 33.1 ms for two equal short logs. 40 fixed seeds: each
    /// mean has a standard error near 1 ms, so ±4 ms is about four of them.
    @Test func aProcessCrashOfTheLeaderIsDetectedWithinTheShutdownTime() {
        var first: [Double] = [], last: [Double] = []
        for seed in UInt64(4)..<UInt64(44) {
            let (zk, log) = Self.stableEnsemble(seed: seed)
            let crashedAt = zk.sim.now
            zk.sim.crash(zk.leader!, mode: .process)
            zk.sim.run(for: .seconds(2))
            let looking = log.looking.filter { $0.time > crashedAt }.map { ($0.time - crashedAt).seconds }
            #expect(looking.count == 2)
            first.append(looking.min() ?? .nan)
            last.append(looking.max() ?? .nan)
        }
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        #expect(abs(mean(first) - 0.0246) < 0.004, "first LOOKING after \(mean(first)) s on average")
        #expect(abs(mean(last) - 0.0331) < 0.004, "last LOOKING after \(mean(last)) s on average")
    }

    /// FastLeaderElection after a kill -9 of the leader: the election takes finalizeWait (200 ms)
    /// plus zero, one or two 200 ms notification timeouts, and the follower's first connection to
    /// the new leader is refused and retried after 100 ms.
    @Test func electionsAfterAKilledLeaderComeInStepsOfTwoHundredMilliseconds() throws {
        var elections: [Double] = []
        var refusals = 0
        for seed in UInt64(20)..<UInt64(50) {
            guard let (zk, log, crashedAt, leading, took) = Self.killedLeader(seed: seed, record: true) else { continue }
            elections.append(took)
            let established = try #require(log.established.first { $0.time > crashedAt }).time
            #expect(established - leading >= .milliseconds(100), "the refused connect costs 100 ms")
            refusals += zk.sim.trace.records.filter { $0.event == "zab.connect-refused" && $0.time > crashedAt }.count
        }
        #expect(elections.count == 30)
        #expect(refusals >= 30)
        // Every election is finalizeWait plus k notification timeouts (k = 0, 1, 2), give or take
        // the gap between the two followers' LOOKING (tens of ms) and a few message latencies.
        for election in elections {
            let steps = (election - 0.2) / 0.2
            #expect(election >= 0.2 && election < 0.7, "\(election)")
            #expect(abs(steps - steps.rounded()) < 0.35, "\(election) s is not 200 ms + k × 200 ms")
        }
        #expect(Set(elections.map { Int(($0 - 0.2) / 0.2 + 0.35) }).count >= 2, "more than one mode: \(elections)")
    }

    /// `SendThread.run`: an idle client pings once it sent nothing for readTimeout/2, less one
    /// second: every 9 s for a 30 s session, every 2.33 s for a 10 s one.
    @Test(arguments: [(Int64(30), 9.0), (Int64(10), 2.0 / 3 * 10 / 2 - 1)] as [(Int64, Double)])
    func anIdleClientPingsAfterHalfItsReadTimeoutLessASecond(timeout: Int64, interval: Double) {
        let zk = Ensemble(size: 3, seed: 13, record: true)
        #expect(zk.runUntilStable())
        let host = zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, timeout: .seconds(timeout), plan: []) }
        zk.sim.run(for: .seconds(60))
        let pings = zk.sim.trace.records.filter { $0.event == "recv" && $0.detail == "CLIENT-PING from \(host)" }.map(\.time)
        let gaps = zip(pings, pings.dropFirst()).map { ($1 - $0).seconds }
        #expect(gaps.count >= 4)
        // One-way latencies of 0.2–0.8 ms make the receipts jitter around the sending interval.
        #expect(gaps.allSatisfy { abs($0 - interval) < 0.002 }, "\(gaps)")
    }

    /// `ClientCnxn.startConnect`: once it has been connected, the client waits a random 0–1 s
    /// before each new connection attempt (here after its server was killed).
    @Test func aClientWaitsARandomSecondBeforeConnectingElsewhere() {
        var waits: [Double] = []
        for seed in UInt64(30)..<UInt64(40) {
            let zk = Ensemble(size: 3, seed: seed, record: true)
            #expect(zk.runUntilStable())
            let host = zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, timeout: .seconds(30), plan: []) }
            zk.sim.run(for: .seconds(3))
            guard (zk.sim.process(of: host) as! ScriptedClient).client.state == .connected,
                let server = zk.sim.trace.records.last(where: { $0.event == "recv" && $0.detail == "CONNECT from \(host)" })?.host
            else { continue }
            let killedAt = zk.sim.now
            zk.sim.crash(server, mode: .process)
            zk.sim.run(for: .seconds(5))
            let connects = zk.sim.trace.records.filter {
                $0.time > killedAt && $0.event == "recv" && $0.detail == "CONNECT from \(host)"
            }
            guard let next = connects.first else { continue }
            waits.append((next.time - killedAt).seconds)
        }
        #expect(waits.count >= 5)
        // The reset arrives after one latency; the attempt after the random wait, one latency later.
        #expect(waits.allSatisfy { $0 > 0 && $0 < 1.002 }, "\(waits)")
        #expect(Set(waits.map { Int($0 * 10) }).count >= 3, "the waits are spread over the second: \(waits)")
    }
}
