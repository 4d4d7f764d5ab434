import Simulation

/// The scheduler server's view of the coordination service: a sans-IO client living inside the
/// server's process.
///
/// The server forwards its inputs to the client first: a message, timer or closed connection the
/// client recognises returns its events (possibly none); one that is not the client's returns `nil`
/// and the server handles it. Requests return what they can tell at once; the rest arrives later as
/// events from those calls. Timer tags at or above ``CoordinationTimerTags/base`` belong to the client.
///
/// Implementations: ``ZooKeeperCoordination`` (the `Coordination` target's ZooKeeper client); tests also use a local
/// double. Not thread-safe, like every process.
public protocol CoordinationClient: AnyObject {
    /// Connect and open a session.
    func start(_ context: ProcessContext) -> [CoordinationEvent]
    /// A message that arrived at the server; `nil` when it is not the client's.
    func receive(_ message: any Message, from peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]?
    /// A timer of the server fired; `nil` when it is not the client's.
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) -> [CoordinationEvent]?
    /// A connection of the server closed; `nil` when it is not the client's.
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]?

    /// Register this server as live under `memberId` (an ephemeral node).
    func register(memberId: String, _ context: ProcessContext) -> [CoordinationEvent]
    /// Join the leader latch (active-standby); leadership comes as `.leadershipGained`.
    func joinLeaderElection(_ context: ProcessContext) -> [CoordinationEvent]
    /// Ask for the exclusive lock `key`, giving up after `timeout`; `.zero` tries once (Curator's
    /// `acquire(0, ms)`: gives up as soon as another holder is found first).
    func acquireLock(_ key: String, timeout: SimDuration, _ context: ProcessContext) -> [CoordinationEvent]
    /// Release the lock `key`.
    func releaseLock(_ key: String, _ context: ProcessContext) -> [CoordinationEvent]
    /// Ask for the next cluster-unique number.
    func nextSequence(requestId: Int64, _ context: ProcessContext) -> [CoordinationEvent]
}

/// The split of timer tags between a server and its coordination client.
public enum CoordinationTimerTags {
    /// Timer tags from here up are the coordination client's; the server's own stay below.
    public static let base = 1 << 30
}
