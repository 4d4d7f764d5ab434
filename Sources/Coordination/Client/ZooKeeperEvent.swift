import Simulation

/// The client's view of its session, as ZooKeeper's `KeeperState`.
public enum SessionState: Sendable, Equatable {
    /// Looking for a server; no session yet.
    case connecting
    /// SyncConnected: connected to a server that serves the session.
    case connected
    /// Disconnected: the connection broke; the session may still live, the client is moving on.
    case disconnected
    /// Expired: the ensemble closed the session; its ephemerals are gone. Final.
    case expired
    /// The owner closed the session. Final.
    case closed
}

/// Identifies one request of one client, in submission order.
public struct RequestID: Hashable, Comparable, Sendable {
    public let value: Int64
    public init(value: Int64) { self.value = value }
    public static func < (a: RequestID, b: RequestID) -> Bool { a.value < b.value }
}

/// What the client reports to the process that embeds it.
public enum ZooKeeperEvent: Sendable, Equatable {
    /// The session changed state (Disconnected, SyncConnected, Expired, closed).
    case state(SessionState)
    /// A request finished. `.connectionLoss` means its outcome is unknown.
    case reply(RequestID, Operation, Result<Reply, ZKError>)
    /// A one-shot watch fired.
    case watch(WatchedEvent)
}
