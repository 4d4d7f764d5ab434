import Coordination
import Simulation
import Testing

/// Leaving FOLLOWING reads the current transaction-log file from its start
/// (`ZooKeeperServer.shutdown` → `ZKDatabase.fastForwardDataBase` → `FileTxnIterator`), and the
/// election starts a few milliseconds after LOOKING (`lookForLeader` registers its JMX bean
/// first). Measured on a real 3.8 ensemble: a follower goes LOOKING 23.8 ms (median) plus
/// 1.25 µs per transaction in its log file after the leader's kill, and the election takes one
/// finalize wait unless the winner went LOOKING more than about 6 ms before the loser.
@Suite struct LeavingARoleTests {
    /// A stable ensemble with deterministic role shutdowns; writes `count` znodes through a client.
    private static func ensemble(seed: UInt64, perTxn: SimDuration, start: Double) -> Ensemble {
        Ensemble(size: 3, seed: seed) {
            $0.shutdownTime = .deterministic(0.020)
            $0.logReadTimePerTxn = perTxn
            $0.electionStartTime = .deterministic(start)
        }
    }

    private static func write(_ count: Int, on zk: Ensemble, name: String) {
        let plan: [Operation] = (0..<count).map { .create(path: "/\(name)\($0)", data: "x", mode: .persistent) }
        let client = ScriptedClient(servers: zk.servers, plan: plan, interval: .milliseconds(5))
        zk.sim.addHost(name) { _ in client }
        zk.sim.run(for: .seconds(2))
    }

    /// The follower that was restarted (a fresh log file) leaves FOLLOWING earlier than the one
    /// that logged the whole history, by exactly the transactions only the latter's file holds
    /// (those the restarted one had logged before its restart) × the time per transaction.
    @Test(arguments: [7, 8] as [UInt64])
    func aFollowerWithALongerLogFileGoesLookingLaterByItsExtraTransactions(seed: UInt64) throws {
        let zk = Self.ensemble(seed: seed, perTxn: .milliseconds(1), start: 0.005)
        let log = RealTimingTests.StateLog()
        zk.sim.addObserver(log)
        #expect(zk.runUntilStable())
        Self.write(60, on: zk, name: "before")
        let leader = try #require(zk.leader)
        let followers = zk.servers.filter { $0 != leader }
        let (restarted, kept) = (followers[0], followers[1])
        zk.sim.crash(restarted, mode: .process)
        let extra = zk.disk(restarted).endPosition
        zk.sim.restart(restarted)
        #expect(zk.runUntilStable())
        Self.write(20, on: zk, name: "after")
        #expect(extra >= 60, "the kept follower's file holds the writes before the restart: \(extra)")
        let crashedAt = zk.sim.now
        zk.sim.crash(leader, mode: .process)
        zk.sim.run(for: .seconds(2))
        let looking = log.looking.filter { $0.time > crashedAt }
        let first = try #require(looking.first { $0.host == restarted }).time
        let second = try #require(looking.first { $0.host == kept }).time
        let gap = (second - first).seconds
        // Both learn of the kill one link latency (0.2–0.8 ms) after it.
        #expect(abs(gap - Double(extra) * 0.001) < 0.001, "gap \(gap) s for \(extra) extra transactions")
        #expect(zk.leader != nil)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    /// The winner's first notification reaches the loser after `electionStartTime` and a link
    /// latency; if the loser still leaves FOLLOWING then, it answers with its stale vote, the
    /// winner's 200 ms notification timeout must pass, and the election takes about 400 ms;
    /// otherwise one finalize wait, about 200 ms. The winner (the higher id, equally up to date)
    /// is the restarted follower here, so it goes LOOKING first by its peer's extra transactions
    /// × 50 µs: about 3 ms after 60 writes (below the 6 ms start), about 30 ms after 600.
    @Test(arguments: [(60, false), (600, true)])
    func theWinnerGoingLookingWellBeforeTheLoserCostsANotificationTimeout(writes: Int, slow: Bool) throws {
        let zk = Self.ensemble(seed: 21, perTxn: .microseconds(50), start: 0.006)
        let log = RealTimingTests.StateLog()
        zk.sim.addObserver(log)
        #expect(zk.runUntilStable())
        let leader = try #require(zk.leader)
        Self.write(writes, on: zk, name: "before")
        zk.sim.run(for: .seconds(Int64(writes) / 100))
        let winner = try #require(zk.servers.filter { $0 != leader }.max())
        zk.sim.crash(winner, mode: .process)
        zk.sim.restart(winner)
        #expect(zk.runUntilStable())
        #expect(zk.leader == leader)
        let crashedAt = zk.sim.now
        zk.sim.crash(leader, mode: .process)
        zk.sim.run(for: .seconds(2))
        let lookingAt = try #require(log.looking.first { $0.time > crashedAt && $0.host == winner }).time
        let leadingAt = try #require(log.leading.first { $0.time > crashedAt }).time
        #expect(log.leading.last { $0.time > crashedAt }?.host == winner)
        let took = (leadingAt - lookingAt).seconds
        if slow {
            #expect(took > 0.40 && took < 0.45, "election \(took) s")
        } else {
            #expect(took > 0.20 && took < 0.25, "election \(took) s")
        }
    }
}
