import Simulation

/// A server's election vote: whom it proposes as leader and how recent that server's history is.
///
/// Votes are totally ordered by (epoch, last zxid, server id) — FastLeaderElection's
/// `totalOrderPredicate` — so every server converges on the candidate with the most recent
/// history, which holds every committed transaction: a quorum logged each of them, and any
/// quorum of voters intersects it.
public struct Vote: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var leader: HostID
    public var zxid: Zxid
    /// The candidate's current epoch.
    public var epoch: Int64

    public init(leader: HostID, zxid: Zxid, epoch: Int64) {
        self.leader = leader
        self.zxid = zxid
        self.epoch = epoch
    }

    public static func < (a: Vote, b: Vote) -> Bool {
        (a.epoch, a.zxid, a.leader) < (b.epoch, b.zxid, b.leader)
    }
    public var description: String { "(\(leader), \(zxid), e\(epoch))" }
}

/// Where a server stands in the ensemble.
public enum ServerState: Sendable, Equatable {
    case looking, following, leading
}
