import Simulation

/// The timing knobs of a Zab ensemble, named and defaulted as in ZooKeeper's `zoo_sample.cfg`.
///
/// Everything a server waits for is a multiple of `tickTime`: a follower must sync within
/// `initLimit` ticks and may stay silent at most `syncLimit` ticks; sessions are clamped to
/// [`minSessionTimeoutTicks`, `maxSessionTimeoutTicks`] ticks.
public struct ZabConfig: Sendable {
    /// The servers of the ensemble (their host ids double as ZooKeeper's server ids).
    public var servers: [HostID]
    public var tickTime: SimDuration = .seconds(2)
    public var initLimit: Int64 = 10
    public var syncLimit: Int64 = 5
    /// How long a server that sees a quorum for its vote waits for a better one (FLE `finalizeWait`).
    public var finalizeWait: SimDuration = .milliseconds(200)
    /// The first idle timeout of election; it doubles up to `maxNotificationInterval`.
    public var minNotificationInterval: SimDuration = .milliseconds(200)
    public var maxNotificationInterval: SimDuration = .seconds(60)
    public var minSessionTimeoutTicks: Int64 = 2
    public var maxSessionTimeoutTicks: Int64 = 20
    /// Whether log and epoch writes are synced before they are acknowledged (ZooKeeper's `forceSync`).
    /// With `false`, a crash that loses unsynced writes can lose acknowledged transactions.
    public var forceSync = true

    public init(servers: [HostID]) {
        precondition(!servers.isEmpty, "an ensemble needs servers")
        self.servers = servers.sorted()
    }

    /// The smallest majority of the ensemble.
    public var quorumSize: Int { servers.count / 2 + 1 }
    public var initTimeout: SimDuration { tickTime * initLimit }
    public var syncTimeout: SimDuration { tickTime * syncLimit }

    /// Clamps a client's requested session timeout to the server's bounds, as ZooKeeper does.
    public func negotiate(sessionTimeout requested: SimDuration) -> SimDuration {
        let low = tickTime * minSessionTimeoutTicks
        let high = tickTime * maxSessionTimeoutTicks
        return min(max(requested, low), high)
    }
}
