import Foundation

/// PHOLD (Fujimoto 1990), the classic discrete-event kernel benchmark, run through the real
/// ``Simulator``: `processes` logical processes start with one event each; every event schedules
/// exactly one new event at `now + Exp(mean)` for a process drawn uniformly at random.
///
/// The population of pending events stays at `processes`, so the run measures the kernel's pop,
/// dispatch and push with a fixed queue size. Time unit: nanoseconds; the default mean delay is
/// 1 s (10⁹ ns). The handler stops the simulator after `eventLimit` events.
/// Not thread-safe (one model per simulator).
public final class PholdModel: EventHandler {
    /// Number of logical processes, and of events pending at any time.
    public let processes: Int
    /// Mean delay between an event and the one it schedules, in nanoseconds.
    public let meanDelayNanoseconds: Double
    /// The run stops after this many events.
    public let eventLimit: Int
    /// Events handled so far.
    public private(set) var eventsHandled = 0
    /// Sum of the destination processes of the events handled, wrapping (a checksum for tests).
    public private(set) var payloadChecksum: Int64 = 0

    @usableFromInline var random: RandomStream
    @usableFromInline var id = HandlerID(index: -1)

    /// A model with `processes` processes that stops after `eventLimit` events; draws come from
    /// `simulator.stream("phold")`.
    public init(processes: Int, eventLimit: Int, meanDelay: SimDuration = .seconds(1), in simulator: Simulator) {
        precondition(processes > 0 && eventLimit > 0 && meanDelay.nanoseconds > 0)
        self.processes = processes
        self.eventLimit = eventLimit
        self.meanDelayNanoseconds = Double(meanDelay.nanoseconds)
        self.random = simulator.stream("phold")
        self.id = simulator.register(self)
        for process in 0..<processes {
            simulator.schedule(at: simulator.now + nextDelay(), for: id, payload: Int64(process))
        }
    }

    /// One exponential delay, in whole nanoseconds.
    @inlinable @inline(__always)
    func nextDelay() -> SimDuration {
        SimDuration(nanoseconds: Int64(-meanDelayNanoseconds * log(random.nextOpenUnit())))
    }

    public func handle(_ event: Event, in simulator: Simulator) {
        payloadChecksum &+= event.payload
        eventsHandled &+= 1
        if eventsHandled >= eventLimit {
            simulator.stop()
            return
        }
        let destination = random.nextInt(below: processes)
        simulator.schedule(after: nextDelay(), for: id, payload: Int64(destination))
    }

    /// Runs until `eventLimit` events have been handled.
    public func run(_ simulator: Simulator) {
        simulator.run(until: .distantFuture)
    }
}
