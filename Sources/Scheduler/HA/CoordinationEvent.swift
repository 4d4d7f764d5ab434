import Simulation

/// What the coordination service (ZooKeeper in Oozie) tells a scheduler server.
///
/// The scheduler depends on coordination only through these events and ``CoordinationClient``,
/// so the real ZooKeeper client of the `Coordination` target plugs in without the scheduler
/// knowing about Zab, sessions or znodes.
public enum CoordinationEvent: Equatable, Sendable {
    /// The session is established (again); the server may register and take locks.
    case sessionEstablished
    /// Disconnected but the session may still be alive: Curator's SUSPENDED. A careful server
    /// treats it as a loss (it cannot know whether it still holds anything).
    case sessionSuspended
    /// The session expired: every lock and the leadership are gone. The server must stop mutating
    /// jobs at once, forget its locks and rejoin (Oozie exits; OOZIE-1847).
    case sessionLost
    /// The per-job lock `key` is held; `token` fences the holder's writes (the lock node's zxid).
    case lockAcquired(key: String, token: FencingToken)
    /// The lock could not be had within the timeout (Oozie requeues the command after 10 s).
    case lockTimedOut(key: String)
    /// The lock was released as asked.
    case lockReleased(key: String)
    /// This server leads (the earliest live node of the leader latch); `token` fences its writes.
    case leadershipGained(token: FencingToken)
    /// This server no longer leads.
    case leadershipLost
    /// The live servers changed (ephemeral registrations), sorted by id; recovery partitions jobs by it.
    case membersChanged([String])
    /// A cluster-unique number for request `requestId` (ZooKeeper sequence; Oozie's job id counter).
    case sequenceAllocated(requestId: Int64, value: Int64)
    /// Request `requestId` failed (no session, connection loss): retry later.
    case requestFailed(requestId: Int64)
}
