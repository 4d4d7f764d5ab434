/// The discrete-event kernel: virtual time, the event queue, hosts, network, timers and trace.
///
/// One simulation is single-threaded and fully deterministic: events fire in `(time, sequence)`
/// order, every random draw comes from a stream derived from `seed`, and no `Dictionary` or `Set`
/// order reaches the queue. Run replications in parallel by giving each its own `Simulator`.
/// Not thread-safe.
public final class Simulator {
    /// The true (global) time of the event being handled.
    public private(set) var now: SimTime = .zero
    /// The run's root seed; every stream derives from it.
    public let seed: StreamSeed
    /// The trace and its digest.
    public var trace: Trace
    /// Events handled so far.
    public private(set) var eventsProcessed: Int = 0

    @usableFromInline var queue = EventQueue(reservingCapacity: 1024)
    /// The registered handlers; this array owns them.
    var handlers: [any EventHandler] = []
    /// The same handlers, unretained, for dispatch without reference counting.
    var dispatchTable = HandlerTable()
    var hosts: [HostRecord] = []
    /// The same records, unretained, for the per-event paths.
    var hostTable = HostTable()
    var observers = ObserverRoutes()
    var stopRequested = false

    // Network and timers; see Simulator+Network.swift and Simulator+Timers.swift.
    var network = NetworkState()
    var inFlight = Slab<InFlight>()
    var timers = TimerTable()
    /// Hosts with an armed `pauseOnSend`; zero keeps the check off the sending path.
    var armedPauses = 0
    /// Who holds a role now (``Simulator/registerRole(_:resolver:)``), for faults that name a role.
    var roleResolvers: [String: () -> HostID?] = [:]

    /// A kernel for one run with the given seed; `recordTrace` keeps every trace record.
    public init(seed: UInt64, recordTrace: Bool = false) {
        self.seed = StreamSeed(seed)
        self.trace = Trace(recording: recordTrace)
    }

    /// A random stream for a component that is not a host (a fault source, a workload).
    public func stream(_ label: String, _ index: Int = 0) -> RandomStream {
        seed.derive(label, index).stream
    }

    // MARK: Handlers and events

    /// Registers a handler; events scheduled for the returned id go to it.
    @discardableResult
    public func register(_ handler: any EventHandler) -> HandlerID {
        handlers.append(handler)
        dispatchTable.append(handler)
        return HandlerID(index: Int32(handlers.count - 1))
    }

    /// Registers an observer of protocol observations and host events.
    public func addObserver(_ observer: any Observer) { observers.add(observer) }

    /// Schedules an event for `handler` at `time` (not earlier than now).
    @inlinable
    public func schedule(at time: SimTime, for handler: HandlerID, kind: UInt32 = 0, payload: Int64 = 0) {
        require(time >= now, "cannot schedule an event at \(time), before now (\(now))")
        queue.push(time: time.nanoseconds, target: handler.index, kind: kind, payload: payload)
    }

    /// Schedules an event for `handler` after `delay`.
    @inlinable
    public func schedule(after delay: SimDuration, for handler: HandlerID, kind: UInt32 = 0, payload: Int64 = 0) {
        schedule(at: now + delay, for: handler, kind: kind, payload: payload)
    }

    /// Events still waiting.
    public var pendingEvents: Int { queue.count }

    /// Asks the run loop to return after the current event.
    public func stop() { stopRequested = true }

    /// Whether `stop()` ended the last run.
    public var wasStopped: Bool { stopRequested }

    // MARK: Running

    /// Handles events in order until none is left at or before `end`, then sets the clock to `end`.
    /// Returns early, with the clock at the last event, if a handler or observer calls `stop()`.
    public func run(until end: SimTime) {
        stopRequested = false
        RunFailure.running(self)
        while !stopRequested, let event = queue.popMin(notAfter: end.nanoseconds) {
            now = SimTime(nanoseconds: event.time)
            dispatch(event)
        }
        if !stopRequested && end > now { now = end }
    }

    /// Runs for `duration` more virtual time.
    public func run(for duration: SimDuration) { run(until: now + duration) }

    @inline(__always)
    func dispatch(_ event: Event) {
        eventsProcessed &+= 1
        switch event.target {
        case KernelTarget.timer: fireTimer(event)
        case KernelTarget.delivery: deliver(event)
        case KernelTarget.start: startHost(event)
        case KernelTarget.pause: pause(HostID(Int32(truncatingIfNeeded: event.payload)))
        case KernelTarget.exit: exitProcess(event)
        case KernelTarget.supervisedRestart: supervisedRestart(event)
        default: dispatchTable.handle(event, in: self)
        }
    }

    /// Tells every observer; used by processes (through their context) and by the kernel.
    func emit(_ observation: any Observation, host: HostID) {
        for observer in observers.route(for: type(of: observation)) { observer.observe(observation, host: host, at: now) }
    }
}
