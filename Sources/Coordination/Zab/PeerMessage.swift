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
    /// Send the transactions the learner misses (from the committed log or the transaction log).
    case diff = "DIFF"
    /// The learner has transactions the leader never committed: cut them, then send what it misses.
    case trunc = "TRUNC"
    /// Replace the learner's history by the leader's latest snapshot and the log after it.
    case snap = "SNAP"

    /// The kind of the sync message that carries this mode.
    public var kind: MessageKind {
        switch self {
        case .diff: PeerMessage.Kinds.diff
        case .trunc: PeerMessage.Kinds.trunc
        case .snap: PeerMessage.Kinds.snap
        }
    }
}

/// A write a follower forwards to the leader on behalf of one of its clients.
public enum ForwardedRequest: Sendable {
    case write(Operation)
    /// `token` lets the forwarding server match the new session to the waiting connection.
    case createSession(timeout: SimDuration, token: Int64)
    case closeSession
}

/// Messages between Zab servers. Everything but notifications travels on FIFO connections.
///
/// The cases with large payloads are `indirect`, so the enum fits the three words an `any Message`
/// holds inline: the frequent small messages (PING, PONG, ACK, COMMIT) are sent without a heap box.
public enum PeerMessage: Message, Sendable {
    indirect case notification(Notification)
    case followerInfo(acceptedEpoch: Int64)
    case leaderInfo(newEpoch: Int64)
    case ackEpoch(currentEpoch: Int64, lastZxid: Zxid)
    /// `snapshot` comes with SNAP only; `txns` follow the snapshot, the cut or the learner's last zxid.
    indirect case sync(mode: SyncMode, truncateTo: Zxid, snapshot: ZabSnapshot?, txns: [Txn])
    case newLeader(epoch: Int64)
    case ackNewLeader(epoch: Int64)
    case upToDate(committed: Zxid)
    indirect case proposal(Txn)
    case ack(Zxid)
    case commit(Zxid)
    case ping
    /// A follower's answer to a ping, with the sessions its clients touched since the last one.
    case pong(touched: [SessionID])
    indirect case request(session: SessionID, cxid: Int64, ForwardedRequest)
    /// A follower asks whether a reconnecting client's session still lives (ZooKeeper's REVALIDATE).
    case revalidate(session: SessionID, token: Int64)
    case revalidated(session: SessionID, token: Int64, valid: Bool)

    public var kind: MessageKind {
        switch self {
        case .notification: Kinds.notification
        case .followerInfo: Kinds.followerInfo
        case .leaderInfo: Kinds.leaderInfo
        case .ackEpoch: Kinds.ackEpoch
        case .sync(let mode, _, _, _): mode.kind
        case .newLeader: Kinds.newLeader
        case .ackNewLeader: Kinds.ackNewLeader
        case .upToDate: Kinds.upToDate
        case .proposal: Kinds.proposal
        case .ack: Kinds.ack
        case .commit: Kinds.commit
        case .ping: Kinds.ping
        case .pong: Kinds.pong
        case .request: Kinds.request
        case .revalidate: Kinds.revalidate
        case .revalidated: Kinds.revalidated
        }
    }

    /// Each case's kind, registered once.
    public enum Kinds {
        public static let notification = MessageKind("NOTIFICATION")
        public static let followerInfo = MessageKind("FOLLOWERINFO")
        public static let leaderInfo = MessageKind("LEADERINFO")
        public static let ackEpoch = MessageKind("ACKEPOCH")
        public static let diff = MessageKind("DIFF")
        public static let trunc = MessageKind("TRUNC")
        public static let snap = MessageKind("SNAP")
        public static let newLeader = MessageKind("NEWLEADER")
        public static let ackNewLeader = MessageKind("ACK-NEWLEADER")
        public static let upToDate = MessageKind("UPTODATE")
        public static let proposal = MessageKind("PROPOSAL")
        public static let ack = MessageKind("ACK")
        public static let commit = MessageKind("COMMIT")
        public static let ping = MessageKind("PING")
        public static let pong = MessageKind("PONG")
        public static let request = MessageKind("REQUEST")
        public static let revalidate = MessageKind("REVALIDATE")
        public static let revalidated = MessageKind("REVALIDATE-ANSWER")
        /// Every kind Zab servers send to each other.
        public static let all = [
            notification, followerInfo, leaderInfo, ackEpoch, diff, trunc, snap, newLeader, ackNewLeader, upToDate,
            proposal, ack, commit, ping, pong, request, revalidate, revalidated,
        ]
    }
}
