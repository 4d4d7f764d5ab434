@testable import Coordination
import Simulation
import Testing

/// The leader latch's reconnect semantics by Curator version (`LeaderLatch.handleStateChange`):
/// 2.5.0 (Oozie's) resets on RECONNECTED, 5.4 re-checks its node. Both drop leadership on SUSPENDED.
@Suite struct LatchReconnectTests {
    /// `a` leads, `b` waits; `a`'s ZooKeeper server dies (its process: the connection resets), `a`'s
    /// client moves to another server within its session. Returns both participants and the latch
    /// events of `a` after the crash.
    func reconnectingHolder(_ policy: LatchReconnectPolicy) -> (a: LatchParticipant, b: LatchParticipant, crashAt: SimTime) {
        // The first seed where a's server is a follower that b does not use: its crash moves a alone.
        for seed in UInt64(31)..<UInt64(80) {
            if let run = reconnectingHolder(policy, seed: seed) { return run }
        }
        preconditionFailure("no seed separates the participants")
    }

    func reconnectingHolder(_ policy: LatchReconnectPolicy, seed: UInt64) -> (a: LatchParticipant, b: LatchParticipant, crashAt: SimTime)? {
        let zk = Ensemble(size: 3, seed: seed)
        let store = zk.sim.addHost("store") { _ in FencedStore() }
        let a = zk.sim.addHost("a") { _ in
            LatchParticipant(servers: zk.servers, id: "a", store: store, timeout: .seconds(30), policy: policy)
        }
        zk.sim.run(for: .seconds(3))
        let b = zk.sim.addHost("b") { _ in
            LatchParticipant(servers: zk.servers, id: "b", store: store, timeout: .seconds(30), policy: policy)
        }
        zk.sim.run(for: .seconds(5))
        let pa = zk.sim.process(of: a) as! LatchParticipant
        let pb = zk.sim.process(of: b) as! LatchParticipant
        #expect(pa.latch.isLeader && !pb.latch.isLeader)
        guard let serverA = pa.client.server, serverA != pb.client.server, serverA != zk.leader else { return nil }
        let crashAt = zk.sim.now
        zk.sim.crash(serverA)
        zk.sim.run(for: .seconds(20))
        #expect(!pa.states.contains(.expired), "the session survives the move")
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
        return (pa, pb, crashAt)
    }

    @Test func curator25HolderDropsLeadershipOnSuspendedAndRequeuesOnReconnect() {
        let (a, b, crashAt) = reconnectingHolder(.reset)
        let lost = a.events.first { $0.time >= crashAt && $0.event == .lost }
        #expect(lost.map { $0.time - crashAt < .milliseconds(50) } == true, "dropped at the disconnect (SUSPENDED)")
        // reset(): its node is deleted and a new one created behind b's, so b leads now.
        #expect(b.latch.isLeader && !a.latch.isLeader)
        #expect(b.latch.token! > a.events.compactMap { if case .acquired(let t) = $0.event { t } else { nil } }.first!)
        #expect(a.latch.node != nil && a.latch.token! > b.latch.token!, "a queues again with a newer node")
    }

    @Test func curator54HolderKeepsItsNodeAndLeadsAgainAfterReconnect() {
        let (a, b, crashAt) = reconnectingHolder(.recheck)
        let after = a.events.filter { $0.time >= crashAt }.map(\.event)
        #expect(after.first == .lost, "dropped at the disconnect (SUSPENDED, standard error policy)")
        #expect(a.latch.isLeader && !b.latch.isLeader, "getChildren() finds its node still first")
        #expect(after.count == 2, "\(after)")
    }
}
