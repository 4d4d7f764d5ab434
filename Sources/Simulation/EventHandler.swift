/// Handles the events it schedules: fault injectors, failure processes, workloads, benchmarks.
///
/// Protocol code does not implement this; it runs as a ``Process`` on a host. Handlers are for
/// the machinery around the system under test.
public protocol EventHandler: AnyObject {
    /// Called when an event scheduled for this handler fires; `simulator.now` is its time.
    func handle(_ event: Event, in simulator: Simulator)
}

/// Names a registered ``EventHandler``.
public struct HandlerID: Hashable, Sendable {
    public let index: Int32
}

/// The kernel's own event targets; handlers have non-negative targets.
enum KernelTarget {
    static let timer: Int32 = -1
    static let delivery: Int32 = -2
    static let start: Int32 = -3
    /// An armed pause that fired; the payload is the host.
    static let pause: Int32 = -4
    /// A process asked to exit; the payload is the host, the kind its incarnation.
    static let exit: Int32 = -5
    /// The supervisor restarts a process that exited; the payload is the host, the kind its incarnation.
    static let supervisedRestart: Int32 = -6
}
