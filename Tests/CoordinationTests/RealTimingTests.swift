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
    /// role (measured on a real 3.8: 25 ms for the first, 43 ms for the last on average).
    @Test func aProcessCrashOfTheLeaderIsDetectedWithinTheShutdownTime() {
        let (zk, log) = Self.stableEnsemble(seed: 4)
        let crashedAt = zk.sim.now
        zk.sim.crash(zk.leader!, mode: .process)
        zk.sim.run(for: .seconds(5))
        let looking = log.looking.filter { $0.time > crashedAt }.map { $0.time - crashedAt }
        #expect(looking.count == 2)
        #expect(looking.allSatisfy { $0 >= .milliseconds(7) && $0 <= .milliseconds(63) }, "\(looking)")
    }

    /// `ExpiryQueue`: a session expires in the first tick bucket after last contact + T, so
    /// between T and T + tickTime (10–12 s) when its client talks to the leader, and up to half a
    /// tick later when the client's server is a follower (its touches reach the leader in the
    /// PONG that answers the leader's ping).
    @Test(arguments: [(UInt64(5), true), (6, true), (7, false), (8, false)])
    func aSessionOfTenSecondsExpiresTenToTwelveSecondsAfterLastContact(seed: UInt64, onLeader: Bool) throws {
        let (zk, log) = Self.stableEnsemble(seed: seed)
        let leader = zk.leader!
        let server = onLeader ? leader : zk.servers.first { $0 != leader }!
        let writes = (0..<1000).map { Operation.setData(path: "/", data: "\($0)", version: -1) }
        let host = zk.sim.addHost("client") { _ in
            ScriptedClient(servers: [server], timeout: .seconds(10), plan: writes, interval: .milliseconds(50))
        }
        zk.sim.run(for: .seconds(5))
        let client = zk.sim.process(of: host) as! ScriptedClient
        let lastContact = try #require(client.replies.last).time
        zk.sim.crash(host, mode: .host)
        zk.sim.run(for: .seconds(20))
        let expiredAt = try #require(log.expiring.first).time
        let after = expiredAt - lastContact
        // The last write reached the server at most one round trip (≤ 2 ms) before its reply.
        let latest: SimDuration = onLeader ? .seconds(12) : .seconds(13)
        #expect(after >= .seconds(10) - .milliseconds(2) && after <= latest, "expired \(after) after last contact")
    }

    /// `ClientCnxn`: the client gives up on a silent server readTimeout = 2/3 T after it last
    /// heard from it (4 s for T = 6 s).
    @Test(arguments: [9, 10, 11] as [UInt64])
    func aClientOnAFrozenServerGivesUpAtTwoThirdsOfItsTimeout(seed: UInt64) throws {
        let (zk, _) = Self.stableEnsemble(seed: seed)
        let follower = zk.servers.first { $0 != zk.leader! }!
        let host = zk.sim.addHost("client") { _ in ScriptedClient(servers: [follower], timeout: .seconds(6), plan: []) }
        zk.sim.run(for: .seconds(5))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.client.state == .connected)
        zk.sim.pause(follower)
        let pausedAt = zk.sim.now
        zk.sim.run(for: .seconds(10))
        let disconnected = try #require(client.states.first { $0.state == .disconnected }).time
        // Idle client: it last heard the answer to its last ping, sent every 1 s (readTimeout/2 − 1 s).
        let since = disconnected - pausedAt
        #expect(since > .seconds(3) && since <= .seconds(4), "gave up \(since) after the pause")
    }

    /// A connect attempt to a frozen server costs the connect timeout, T / number of servers.
    @Test func connectingToAFrozenServerCostsTheConnectTimeout() throws {
        let (zk, _) = Self.stableEnsemble(seed: 12)
        let follower = zk.servers.first { $0 != zk.leader! }!
        let other = zk.servers.first { $0 != zk.leader! && $0 != follower }!
        zk.sim.pause(follower)
        var firstTries: [HostID: SimDuration] = [:]
        for i in 0..<8 {
            let start = zk.sim.now
            let host = zk.sim.addHost("client\(i)") { _ in ScriptedClient(servers: [follower, other], timeout: .seconds(6), plan: []) }
            zk.sim.run(for: .seconds(5))
            let client = zk.sim.process(of: host) as! ScriptedClient
            let connected = try #require(client.states.first { $0.state == .connected }).time - start
            // Either straight to the live server, or 6 s / 2 servers = 3 s lost on the frozen one.
            let frozenFirst = connected >= .seconds(3)
            #expect(connected < .milliseconds(10) || (connected >= .seconds(3) && connected < .seconds(3) + .milliseconds(10)))
            firstTries[frozenFirst ? follower : other] = connected
        }
        #expect(firstTries.count == 2, "both orders drawn over eight clients")
    }

    /// FastLeaderElection after a kill -9 of the leader: the election takes finalizeWait (200 ms)
    /// plus zero, one or two 200 ms notification timeouts, and the follower's first connection to
    /// the new leader is refused and retried after 100 ms.
    @Test func electionsAfterAKilledLeaderComeInStepsOfTwoHundredMilliseconds() throws {
        var elections: [Double] = []
        var refusals = 0
        for seed in UInt64(20)..<UInt64(50) {
            let zk = Ensemble(size: 3, seed: seed, record: true)
            let log = StateLog()
            zk.sim.addObserver(log)
            guard zk.runUntilStable() else { continue }
            zk.sim.run(for: .seconds(3))
            let crashedAt = zk.sim.now
            zk.sim.crash(zk.leader!, mode: .process)
            zk.sim.run(for: .seconds(5))
            guard let leading = log.leading.first(where: { $0.time > crashedAt }),
                let looking = log.looking.last(where: { $0.host == leading.host && $0.time > crashedAt })
            else { continue }
            elections.append((leading.time - looking.time).seconds)
            let established = try #require(log.established.first { $0.time > crashedAt }).time
            #expect(established - leading.time >= .milliseconds(100), "the refused connect costs 100 ms")
            refusals += zk.sim.trace.records.filter { $0.event == "zab.connect-refused" && $0.time > crashedAt }.count
        }
        #expect(elections.count == 30)
        #expect(refusals >= 30)
        // Every election is finalizeWait plus k notification timeouts (k = 0, 1, 2), give or take
        // the gap between the two followers' LOOKING (≤ 54 ms) and a few message latencies.
        for election in elections {
            let steps = (election - 0.2) / 0.2
            #expect(election >= 0.2 && election < 0.7, "\(election)")
            #expect(abs(steps - steps.rounded()) < 0.35, "\(election) s is not 200 ms + k × 200 ms")
        }
        #expect(Set(elections.map { Int(($0 - 0.2) / 0.2 + 0.35) }).count >= 2, "more than one mode: \(elections)")
    }
}
