import Simulation

/// A broken safety property, found while the simulation ran.
public struct InvariantViolation: Sendable, CustomStringConvertible {
    /// A stable name of the invariant, e.g. "one-leader-per-epoch".
    public let name: String
    public let message: String
    public let time: SimTime
    public let host: HostID
    public var description: String { "[\(name)] \(time) \(host): \(message)" }
}
