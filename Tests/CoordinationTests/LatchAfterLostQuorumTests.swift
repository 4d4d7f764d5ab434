@testable import Coordination
import Simulation
import Testing

/// After a lost quorum both participants reconnect, and a reconnect's reset, a listing that missed
/// a node and a re-armed watch on a deleted predecessor can send two creates of one participant.
/// Curator's `LeaderLatch.setNode` deletes the older node (a guaranteed delete); a latch that kept
/// it stood first in line behind nobody, and the other participant waited on it until the owner's
/// session ended (a 9.9-hour outage in a crude cluster run, seed 147 of the rare-event agreement
/// scenario).
@Suite struct LatchAfterLostQuorumTests {
    /// The ensemble loses its leader, then the new leader's follower 15 s later: the lone leader
    /// still accepts the clients that move to it, and logs their resets' deletes and creates, until
    /// it steps down; a minute later both servers come back and it leads again, committing them.
    /// Returns how many participants lead 30 s later, and the latch's nodes.
    func recovers(seed: UInt64) -> (leaders: Int, nodes: [String]) {
        let zk = Ensemble(size: 3, seed: seed)
        let store = zk.sim.addHost("store") { _ in FencedStore() }
        let participants = ["a", "b"].map { id in
            zk.sim.addHost(id) { _ in LatchParticipant(servers: zk.servers, id: id, store: store, timeout: .seconds(30), policy: .reset) }
        }
        zk.sim.run(for: .seconds(8))
        var crashed: [HostID]
        guard zk.runUntilStable(), let first = zk.leader else { return (-1, []) }
        zk.sim.crash(first, mode: .host)
        guard zk.runUntilStable(), let second = zk.leader else { return (-1, []) }
        zk.sim.run(for: .seconds(15))
        let follower = zk.servers.first { $0 != first && $0 != second }!
        zk.sim.crash(follower)  // its process: the clients' connections reset, and they move at once
        crashed = [first, follower]
        zk.sim.run(for: .seconds(60))
        for host in crashed { zk.sim.restart(host) }
        guard zk.runUntilStable(), let leader = zk.leader else { return (-1, []) }
        zk.sim.run(for: .seconds(30))
        let latches = participants.map { (zk.sim.process(of: $0) as! LatchParticipant).latch }
        let nodes = zk.server(leader).tree.node("/election/scheduler")?.children.sorted() ?? []
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
        return (latches.filter(\.isLeader).count, nodes)
    }

    @Test func oneParticipantLeadsWithOneNodeEachAfterTheQuorumReturns() {
        for seed in UInt64(1)...60 {
            let (leaders, nodes) = recovers(seed: seed)
            #expect(leaders == 1, "seed \(seed): \(leaders) leaders, nodes \(nodes)")
            #expect(nodes.count == 2 && nodes.contains { $0.hasPrefix("latch-a-") } && nodes.contains { $0.hasPrefix("latch-b-") },
                "seed \(seed): \(nodes)")
        }
    }
}
