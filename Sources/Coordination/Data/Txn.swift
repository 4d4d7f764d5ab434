import Simulation

/// What a transaction does to the data tree, decided by the leader so every replica applies the
/// same, already-validated change (sequential names resolved, versions checked).
public enum TxnBody: Sendable, Equatable {
    case createSession(timeout: SimDuration)
    /// A client's close or the leader's expiry: the session and its ephemerals go.
    case closeSession
    case create(path: String, data: String, ephemeralOwner: SessionID)
    case delete(path: String)
    case setData(path: String, data: String)
    /// A request that failed validation: it is still ordered, so the session's answers stay in order.
    case error(ZKError)
}

/// One entry of the replicated log.
public struct Txn: Sendable, Equatable {
    public let zxid: Zxid
    /// The session the change belongs to (for `createSession`, the new session's id).
    public let session: SessionID
    /// The request's number within its session (or the connect token for `createSession`); -1 for the leader's own.
    public let cxid: Int64
    /// The server whose client asked, which answers once the transaction commits there.
    public let origin: HostID
    public let body: TxnBody

    public init(zxid: Zxid, session: SessionID, cxid: Int64, origin: HostID, body: TxnBody) {
        self.zxid = zxid
        self.session = session
        self.cxid = cxid
        self.origin = origin
        self.body = body
    }

    /// A stable fingerprint, so checkers can compare histories without comparing whole values.
    /// Built from the fields themselves (never from `description`, which goes through reflection
    /// and cost a sixth of a whole simulation's time).
    public var fingerprint: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) { h = (h ^ word) &* 0x100_0000_01b3; h ^= h >> 29 }
        func mix(_ text: String) { mix(StableHash.fnv1a(text)) }
        mix(UInt64(bitPattern: zxid.raw))
        mix(UInt64(bitPattern: session))
        mix(UInt64(bitPattern: cxid))
        mix(UInt64(bitPattern: Int64(origin.index)))
        switch body {
        case .createSession(let timeout): mix(1); mix(UInt64(bitPattern: timeout.nanoseconds))
        case .closeSession: mix(2)
        case .create(let path, let data, let owner): mix(3); mix(path); mix(data); mix(UInt64(bitPattern: owner))
        case .delete(let path): mix(4); mix(path)
        case .setData(let path, let data): mix(5); mix(path); mix(data)
        case .error(let error): mix(6); mix(String(describing: error))
        }
        return h
    }
}
