/// Identifies a host (a machine running one process) within one simulation.
public struct HostID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The host's index in registration order.
    public let index: Int32
    public init(_ index: Int32) { self.index = index }
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: HostID, b: HostID) -> Bool { a.index < b.index }
    public var description: String { "h\(index)" }
}

/// A message that crosses the simulated network. Protocols define their own message types.
public protocol Message {
    /// The message's type, registered once as a constant (e.g. "PROPOSAL"); its name enters the trace.
    var kind: MessageKind { get }
}

/// Protocol code that a host runs: a state machine driven by its inputs.
///
/// A process is *sans-IO*: it acts only through the ``ProcessContext`` it is handed (send, timers,
/// local clock, randomness, durable storage, trace, observations). The kernel owns time, the
/// network and failures, so the same process code runs deterministically under any fault
/// schedule. Not thread-safe: a process lives inside one simulation.
public protocol Process: AnyObject {
    /// The process begins, at boot or after a crash. Volatile state is new; durable state is what survived.
    func start(_ context: ProcessContext)
    /// A message arrives on a live connection (or as a datagram, with `connection.isDatagram`).
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext)
    /// A timer set through `context.setTimer` fires.
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext)
    /// The peer closed or reset a connection (an orderly close, or the peer's process died).
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext)
}

extension Process {
    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {}
}

/// Identifies one timer; ids are never reused while the timer is pending.
public struct TimerID: Hashable, Sendable {
    let slot: Int32
    let generation: UInt32
}

/// Something protocol code reports to whoever watches the run: invariant checkers, metrics.
public protocol Observation {}

/// Receives the observations that processes emit and the kernel's own host events.
public protocol Observer: AnyObject {
    func observe(_ observation: any Observation, host: HostID, at time: SimTime)
    /// The observation types this observer acts on, or nil (the default) for every observation.
    /// The kernel calls it only with observations of the types named (matched exactly; every
    /// observation is a value type), so an observer that ignores most of a run's observations
    /// pays no failed cast for each. An observer that acts on every observation, whatever its
    /// type (a sampler, a checker with deadlines), keeps nil. Read once, when it is added.
    var observedTypes: [any Observation.Type]? { get }
}

extension Observer {
    public var observedTypes: [any Observation.Type]? { nil }
}
