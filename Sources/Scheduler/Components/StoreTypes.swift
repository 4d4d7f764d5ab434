import Simulation

/// A row of the job store: a value and its version (1 on insert, +1 per write).
public struct StoredRow: Equatable, Sendable {
    public var key: String
    public var version: Int64
    public var value: StoredValue

    public init(key: String, version: Int64, value: StoredValue) {
        self.key = key
        self.version = version
        self.value = value
    }
}

/// A monotonic token a lock holder or leader carries to prove it is current (the zxid of its lock
/// or latch node). Higher is newer.
public struct FencingToken: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }
    public static func < (a: FencingToken, b: FencingToken) -> Bool { a.value < b.value }
    public var description: String { "token \(value)" }
}

/// A fencing token with the scope it fences: `"leader"` in active-standby, a job id for per-job locks.
public struct Fence: Equatable, Sendable {
    public var scope: String
    public var token: FencingToken
    public init(scope: String, token: FencingToken) {
        self.scope = scope
        self.token = token
    }
}

/// An atomic write: every check must hold, then every write applies, or nothing does.
public struct StoreTransaction: Equatable, Sendable {
    /// Expected versions; 0 means "the key must not exist".
    public var expectedVersions: [(key: String, version: Int64)]
    /// New values; `nil` deletes the row.
    public var writes: [(key: String, value: StoredValue?)]
    /// The writer's fence; with fencing on, a token lower than the highest seen for its scope is rejected.
    public var fence: Fence?

    public init(expectedVersions: [(key: String, version: Int64)] = [], writes: [(key: String, value: StoredValue?)], fence: Fence? = nil) {
        self.expectedVersions = expectedVersions
        self.writes = writes
        self.fence = fence
    }

    public static func == (a: StoreTransaction, b: StoreTransaction) -> Bool {
        a.expectedVersions.map(\.key) == b.expectedVersions.map(\.key)
            && a.expectedVersions.map(\.version) == b.expectedVersions.map(\.version)
            && a.writes.map(\.key) == b.writes.map(\.key) && a.writes.map(\.value) == b.writes.map(\.value)
            && a.fence == b.fence
    }
}

/// The result of a transaction.
public enum StoreOutcome: Equatable, Sendable {
    /// Applied; the new version of each written key, in write order (0 for a delete).
    case committed(versions: [Int64])
    /// A version check failed: someone else wrote first. Reload and retry.
    case conflict(key: String, expected: Int64, found: Int64)
    /// The writer's token is older than one the store has seen for that scope: it is no longer the
    /// owner (a paused leader, an expired lock) and must stop writing.
    case staleToken(scope: String, presented: FencingToken, highest: FencingToken)
}
