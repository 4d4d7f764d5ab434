@testable import Coordination
import Simulation
import Testing

/// Snapshots, purging and the leader's DIFF/TRUNC/SNAP choice (ZooKeeper 3.8's
/// `SyncRequestProcessor`, `PurgeTxnLog`, `LearnerHandler.syncFollower`).
@Suite struct SnapshotTests {
    static func txn(_ epoch: Int64, _ counter: Int64) -> Txn {
        Txn(zxid: Zxid(epoch: epoch, counter: counter), session: 1, cxid: counter, origin: HostID(0), body: .setData(path: "/a", data: "x"))
    }

    /// A disk holding `zxids` in its log.
    static func disk(_ zxids: [(Int64, Int64)]) -> ZabDisk {
        let disk = ZabDisk()
        for (e, c) in zxids { disk.append(txn(e, c), sync: true) }
        return disk
    }

    static let config = ZabConfig(servers: [HostID(0), HostID(1), HostID(2)])

    @Test func aLearnerInsideTheCommittedLogGetsDiffOrTrunc() {
        let leader = Self.disk((1...10).map { (1, $0) })
        #expect(leader.syncPlan(forLearnerAt: Zxid(epoch: 1, counter: 10), Self.config) == SyncPlan(mode: .diff, truncateTo: Zxid(epoch: 1, counter: 10), from: 10))
        #expect(leader.syncPlan(forLearnerAt: Zxid(epoch: 1, counter: 4), Self.config) == SyncPlan(mode: .diff, truncateTo: Zxid(epoch: 1, counter: 4), from: 4))
        // Ahead of the leader in its epoch: proposals no quorum logged, cut back to the leader's last.
        #expect(leader.syncPlan(forLearnerAt: Zxid(epoch: 1, counter: 12), Self.config) == SyncPlan(mode: .trunc, truncateTo: Zxid(epoch: 1, counter: 10), from: 10))
        // A zxid of the same epoch the leader never had, with later ones after it: TRUNC to the one before.
        let gap = Self.disk([(1, 1), (1, 2), (1, 6), (1, 7)])
        #expect(gap.syncPlan(forLearnerAt: Zxid(epoch: 1, counter: 4), Self.config) == SyncPlan(mode: .trunc, truncateTo: Zxid(epoch: 1, counter: 2), from: 2))
    }

    @Test func aTruncAcrossAnEpochIsASnap() {
        let leader = Self.disk([(1, 1), (1, 2), (2, 1), (2, 2)])
        let plan = leader.syncPlan(forLearnerAt: Zxid(epoch: 1, counter: 3), Self.config)
        #expect(plan == SyncPlan(mode: .snap, truncateTo: .zero, from: 0))
    }

    @Test func aLearnerBehindTheCommittedLogGetsSnapUnlessTheLogIsSmallBesideTheSnapshot() {
        let leader = Self.disk((1...10).map { (1, $0) })
        var config = Self.config
        config.commitLogCount = 3
        let peer = Zxid(epoch: 1, counter: 2)
        // A 64 MB log file against a snapshot of a few bytes: SNAP.
        #expect(leader.syncPlan(forLearnerAt: peer, config).mode == .snap)
        config.txnLogFileBytes = 1
        var tree = DataTree()
        tree.nodes["/big"] = Znode(data: String(repeating: "x", count: 100), stat: Stat(czxid: .zero, mzxid: .zero, pzxid: .zero))
        leader.write(ZabSnapshot(count: 1, zxid: Zxid(epoch: 1, counter: 1), tree: tree))
        #expect(leader.syncPlan(forLearnerAt: peer, config) == SyncPlan(mode: .diff, truncateTo: peer, from: 2))
        config.snapshotSizeFactor = -1
        #expect(leader.syncPlan(forLearnerAt: peer, config).mode == .snap)
    }

    @Test func aPurgeKeepsTheLatestSnapshotsAndTheLogAfterTheOldestKept() {
        let disk = Self.disk((1...50).map { (1, $0) })
        #expect(disk.purge(retain: 3) == 0)
        for count in [10, 20, 30, 40] {
            disk.write(ZabSnapshot(count: count, zxid: Zxid(epoch: 1, counter: Int64(count)), tree: DataTree()))
        }
        #expect(disk.purge(retain: 3) == 20)
        #expect(disk.snapshots.map(\.count) == [20, 30, 40])
        #expect(disk.logStart == 20 && disk.endPosition == 50)
        #expect(disk.txn(at: 20).zxid == Zxid(epoch: 1, counter: 21))
        // A SNAP sends the latest snapshot and the log after it.
        #expect(disk.syncPlan(forLearnerAt: .zero, Self.config) == SyncPlan(mode: .snap, truncateTo: Zxid(epoch: 1, counter: 40), from: 40))
        // A cut into purged history is refused; one after a snapshot drops it.
        #expect(!disk.truncate(to: 15))
        #expect(disk.truncate(to: 35) && disk.snapshots.map(\.count) == [20, 30])
    }

    /// Small snapCount and a purge every minute: every server snapshots, logs stay short, a
    /// server down for a while comes back by SNAP, and the checker forgets the old history.
    @Test func longRunsKeepShortLogsAndAgree() {
        let zk = Ensemble(size: 3, seed: 3, record: true) {
            $0.snapCount = 40
            $0.purgeInterval = .seconds(60)
        }
        let host = zk.sim.addHost("client") { _ in
            ScriptedClient(servers: zk.servers, plan: writePlan(1_500), interval: .milliseconds(200))
        }
        #expect(zk.runUntilStable())
        zk.sim.run(for: .seconds(60))
        let follower = zk.servers.first { $0 != zk.leader! }!
        zk.sim.crash(follower)
        zk.sim.run(for: .seconds(120))
        zk.sim.restart(follower)
        zk.sim.run(for: .seconds(150))
        let leader = zk.leader!
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.created.count == 1_501)
        for s in zk.servers {
            #expect(zk.disk(s).snapshots.count <= 20, "\(s): \(zk.disk(s).snapshots.count) snapshots")
            #expect(zk.disk(s).log.count < 450, "\(s): log of \(zk.disk(s).log.count)")
            #expect(zk.server(s).appliedCount == zk.server(leader).appliedCount && zk.appliedPrefix(s, of: leader))
            #expect(zk.server(s).tree.node("/w")?.children.count == 1_500)
        }
        let syncs = zk.sim.trace.records.filter { $0.event == "zab.sync" && $0.detail.contains(" \(follower) ") }
        #expect(syncs.last?.detail.hasPrefix("SNAP") == true, "\(syncs.map(\.detail))")
        #expect(zk.checker.forgotten > 1_000)
        #expect(zk.checker.committed.count < 800)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }
}
