import Simulation

/// An election notification: the sender's vote in its election round, and its own state.
public struct Notification: Sendable {
    public var vote: Vote
    /// The sender's election round (FLE's `logicalclock`).
    public var round: Int64
    public var state: ServerState
    /// Increases with every notification a server sends, so a reordered datagram cannot overwrite a newer vote.
    public var sequence: Int64
}

/// How a leader brings a learner's log up to date.
public enum SyncMode: String, Sendable {
    /// Send the transactions the learner misses.
    case diff = "DIFF"
    /// The learner has transactions the leader never committed: cut them, then send what it misses.
    case trunc = "TRUNC"
    /// Nothing in common: replace the learner's whole log.
    case snap = "SNAP"
}

/// A write a follower forwards to the leader on behalf of one of its clients.
public enum ForwardedRequest: Sendable {
    case write(Operation)
    /// `token` lets the forwarding server match the new session to the waiting connection.
    case createSession(timeout: SimDuration, token: Int64)
    case closeSession
}

/// Messages between Zab servers. Everything but notifications travels on FIFO connections.
public enum PeerMessage: Message, Sendable {
    case notification(Notification)
    case followerInfo(acceptedEpoch: Int64)
    case leaderInfo(newEpoch: Int64)
    case ackEpoch(currentEpoch: Int64, lastZxid: Zxid)
    case sync(mode: SyncMode, truncateTo: Zxid, txns: [Txn])
    case newLeader(epoch: Int64)
    case ackNewLeader(epoch: Int64)
    case upToDate(committed: Zxid)
    case proposal(Txn)
    case ack(Zxid)
    case commit(Zxid)
    case ping
    /// A follower's answer to a ping, with the sessions its clients touched since the last one.
    case pong(touched: [SessionID])
    case request(session: SessionID, cxid: Int64, ForwardedRequest)
    /// A follower asks whether a reconnecting client's session still lives (ZooKeeper's REVALIDATE).
    case revalidate(session: SessionID, token: Int64)
    case revalidated(session: SessionID, token: Int64, valid: Bool)

    public var kind: String {
        switch self {
        case .notification: "NOTIFICATION"
        case .followerInfo: "FOLLOWERINFO"
        case .leaderInfo: "LEADERINFO"
        case .ackEpoch: "ACKEPOCH"
        case .sync(let mode, _, _): mode.rawValue
        case .newLeader: "NEWLEADER"
        case .ackNewLeader: "ACK-NEWLEADER"
        case .upToDate: "UPTODATE"
        case .proposal: "PROPOSAL"
        case .ack: "ACK"
        case .commit: "COMMIT"
        case .ping: "PING"
        case .pong: "PONG"
        case .request: "REQUEST"
        case .revalidate: "REVALIDATE"
        case .revalidated: "REVALIDATE-ANSWER"
        }
    }
}
