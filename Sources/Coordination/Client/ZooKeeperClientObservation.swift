import Simulation

/// What a ZooKeeper client reports, for metrics and for the history checkers.
public enum ZooKeeperClientObservation: Observation, Sendable {
    /// The owner submitted a request (the invocation of a history operation).
    case invoked(RequestID, Operation)
    /// A request finished after `latency` on the client's clock; `.connectionLoss` means the
    /// outcome is unknown. `zxidSeen` is the client's last seen zxid once the answer arrived.
    case completed(RequestID, Operation, Result<Reply, ZKError>, latency: SimDuration, zxidSeen: Zxid)
    /// The client's live connection changed: to `server` (connected), or to none (disconnected,
    /// expired or closed); ``ZooKeeperClient/liveServer`` says the same.
    case connection(server: HostID?)
}
