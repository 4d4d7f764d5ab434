import Coordination
import Simulation
import Testing

/// Writes `count` persistent children of /w, one every 100 ms.
func writePlan(_ count: Int, prefix: String = "/w") -> [Operation] {
    [.create(path: prefix, data: "", mode: .persistent)]
        + (0..<count).map { .create(path: "\(prefix)/k\($0)", data: "v\($0)", mode: .persistent) }
}

@Suite struct BroadcastTests {
    @Test func writesCommitOnEveryServer() {
        let zk = Ensemble(size: 3, seed: 7)
        let host = zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(20)) }
        zk.sim.run(for: .seconds(20))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.created.count == 21)
        let leader = zk.leader!
        let history = zk.committedZxids(leader)
        #expect(history.count == 22)  // the session, /w and 20 children
        #expect(history.allSatisfy { $0.epoch == 1 })
        for s in zk.servers {
            #expect(zk.committedZxids(s) == history)
            #expect(zk.server(s).tree.node("/w")?.children.count == 20)
        }
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func leaderCrashElectsHigherEpochAndKeepsCommittedWrites() {
        let zk = Ensemble(size: 5, seed: 11)
        let host = zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(60)) }
        #expect(zk.runUntilStable())
        zk.sim.run(for: .seconds(3))
        let old = zk.leader!
        let oldEpoch = zk.server(old).currentEpoch
        zk.sim.crash(old)
        #expect(zk.runUntilStable())
        let new = zk.leader!
        #expect(new != old)
        #expect(zk.server(new).currentEpoch > oldEpoch)
        zk.sim.run(for: .seconds(20))
        zk.sim.restart(old)
        zk.sim.run(for: .seconds(20))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.created.count >= 40)
        for s in zk.servers {
            let tree = zk.server(s).tree
            for path in client.created { #expect(tree.node(path) != nil, "\(path) lost on \(s)") }
            #expect(zk.committedZxids(s) == zk.committedZxids(new))
        }
        #expect(zk.server(old).state == .following)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func minorityCannotCommitMajorityCan() {
        let zk = Ensemble(size: 5, seed: 3)
        #expect(zk.runUntilStable())
        let old = zk.leader!
        let buddy = zk.servers.first { $0 != old }!
        let majority = zk.servers.filter { $0 != old && $0 != buddy }
        let before = zk.committedZxids(old)
        zk.sim.partition([[old, buddy], majority])
        let minorityClient = zk.sim.addHost("c-minority") { _ in ScriptedClient(servers: [old, buddy], plan: writePlan(5, prefix: "/m")) }
        zk.sim.partition([[old, buddy, minorityClient], majority])
        let majorityClient = zk.sim.addHost("c-majority") { _ in ScriptedClient(servers: majority, plan: writePlan(5, prefix: "/M")) }
        zk.sim.run(for: .seconds(40))
        #expect(!zk.server(old).isEstablishedLeader)
        #expect(zk.server(old).state == .looking)
        let minority = zk.sim.process(of: minorityClient) as! ScriptedClient
        #expect(minority.created.isEmpty)
        let majorityWriter = zk.sim.process(of: majorityClient) as! ScriptedClient
        #expect(majorityWriter.created.count == 6)
        let newLeader = zk.establishedLeaders.first { majority.contains($0) }
        #expect(newLeader != nil)
        #expect(zk.server(newLeader!).currentEpoch > zk.server(old).currentEpoch)
        #expect(Array(zk.committedZxids(newLeader!).prefix(before.count)) == before)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func partitionedOldLeaderTruncatesUncommittedProposals() {
        let zk = Ensemble(size: 3, seed: 5, record: true)
        let log = ObservationLog()
        zk.sim.addObserver(log)
        #expect(zk.runUntilStable())
        let old = zk.leader!
        let others = zk.servers.filter { $0 != old }
        let clientHost = zk.sim.addHost("c-old") { _ in ScriptedClient(servers: [old], plan: writePlan(3, prefix: "/lost")) }
        zk.sim.run(for: .milliseconds(150))  // the session commits; the writes start at 100 ms intervals
        zk.sim.partition([[old, clientHost], others])
        zk.sim.run(for: .seconds(30))
        let newLeader = zk.establishedLeaders.first { others.contains($0) }!
        let uncommitted = zk.server(old).log.map(\.zxid).filter { !zk.committedZxids(newLeader).contains($0) }
        #expect(!uncommitted.isEmpty)
        #expect(uncommitted.allSatisfy { $0.epoch == 1 })
        let writer = zk.sim.addHost("c-new") { _ in ScriptedClient(servers: others, plan: writePlan(3, prefix: "/kept")) }
        zk.sim.run(for: .seconds(5))
        zk.sim.healAll()
        zk.sim.run(for: .seconds(30))
        #expect(zk.server(old).state == .following)
        for zxid in uncommitted { #expect(!zk.server(old).log.map(\.zxid).contains(zxid)) }
        let cuts = log.truncations(on: old)
        #expect(cuts.count == 1)
        #expect(cuts.first?.dropped == uncommitted.count)
        // The new leader has proposals of a later epoch past the old leader's last zxid: a TRUNC
        // cannot cross an epoch, so ZooKeeper 3.8 sends SNAP (`queueCommittedProposals`).
        let syncs = zk.sim.trace.records.filter { $0.event == "zab.sync" && $0.detail.contains(" \(old) ") }
        #expect(syncs.last?.detail.hasPrefix("SNAP") == true, "\(syncs.map(\.detail))")
        #expect(zk.server(old).appliedCount == zk.server(newLeader).appliedCount && zk.appliedPrefix(old, of: newLeader))
        #expect(zk.server(old).tree.node("/lost")?.children.isEmpty == true)
        #expect(zk.server(old).tree.node("/kept")?.children.count == 3)
        _ = writer
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func restartFromDurableLog() {
        let zk = Ensemble(size: 3, seed: 9)
        zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(10)) }
        zk.sim.run(for: .seconds(10))
        let history = zk.committedZxids(zk.leader!)
        #expect(history.count == 12)
        for s in zk.servers { zk.sim.crash(s) }
        zk.sim.run(for: .seconds(5))
        for s in zk.servers { zk.sim.restart(s) }
        #expect(zk.runUntilStable())
        let leader = zk.leader!
        #expect(zk.server(leader).currentEpoch == 2)
        for s in zk.servers {
            #expect(Array(zk.committedZxids(s).prefix(history.count)) == history)
            #expect(zk.server(s).tree.node("/w")?.children.count == 10)
        }
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }
}
