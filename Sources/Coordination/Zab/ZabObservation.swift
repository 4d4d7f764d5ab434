import Simulation

/// What a Zab server reports to invariant checkers and metrics, as it happens.
public enum ZabObservation: Observation, Sendable {
    /// The server entered a state (LOOKING, FOLLOWING or LEADING).
    case state(ServerState)
    /// This leader's epoch was acknowledged by a quorum that has synchronised: it may now propose.
    case established(epoch: Int64)
    /// An established leader stepped down (lost its quorum or saw a newer epoch).
    case steppedDown(epoch: Int64)
    /// The leader proposed a transaction.
    case proposed(Zxid)
    /// The lowest log position this server could apply again (its oldest snapshot): checkers may
    /// forget what every server has moved past. Reported at start and at every purge.
    case historyFloor(Int)
    /// A sync cut this many unseen-by-the-leader transactions from the log.
    case truncated(to: Zxid, dropped: Int)
    /// The leader decided that a session expired and proposed closing it.
    case sessionExpiring(SessionID)
    /// A session's close was applied here; `ephemerals` were deleted with it.
    case sessionClosed(SessionID, ephemerals: [String])
    /// A client request was answered (for latency metrics).
    case answered(isWrite: Bool)
}

/// A Zab server applied the committed transaction at this position of its history, as it happens
/// (for the checkers). Its own type, not a case of ``ZabObservation``: a restarted or re-syncing
/// server re-applies its log after its latest snapshot, tens of thousands at one instant, and the
/// kernel routes a type only to the observers that take it (``Observer/observedTypes``), so the
/// trackers that act on Zab states are not handed, and do not cast, every one of them.
public struct ZabApplied: Observation, Sendable, Equatable {
    public let index: Int
    public let zxid: Zxid
    public let fingerprint: UInt64

    public init(index: Int, zxid: Zxid, fingerprint: UInt64) {
        (self.index, self.zxid, self.fingerprint) = (index, zxid, fingerprint)
    }
}
