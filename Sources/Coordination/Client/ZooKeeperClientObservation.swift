import Simulation

/// What a ZooKeeper client reports for metrics.
public enum ZooKeeperClientObservation: Observation, Sendable {
    /// A request finished after `latency` (on the client's clock); `error` when it failed.
    case completed(isWrite: Bool, latency: SimDuration, error: ZKError?)
}
