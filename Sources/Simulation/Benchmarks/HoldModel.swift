import Foundation

/// The classic hold model for priority queues (Vaucher and Duval 1975), run through the real
/// ``Simulator``: `pending` events wait in the queue; each step pops the earliest and pushes it
/// back at its time plus `Exp(mean)`.
///
/// The queue size stays at `pending`, so hold(10⁴) measures a cache-resident queue and
/// hold(10⁶) one that spills out of cache. Time unit: nanoseconds; the default mean increment is
/// 1 s (10⁹ ns). The handler stops the simulator after `eventLimit` events.
/// Not thread-safe (one model per simulator).
public final class HoldModel: EventHandler {
    /// Events waiting in the queue at any time.
    public let pending: Int
    /// Mean increment added to a popped event's time, in nanoseconds.
    public let meanIncrementNanoseconds: Double
    /// The run stops after this many events.
    public let eventLimit: Int
    /// Events handled so far.
    public private(set) var eventsHandled = 0
    /// Sum of the payloads handled, wrapping (a checksum for tests).
    public private(set) var payloadChecksum: Int64 = 0

    @usableFromInline var random: RandomStream
    @usableFromInline var id = HandlerID(index: -1)

    /// A model with `pending` events that stops after `eventLimit` events; draws come from
    /// `simulator.stream("hold")`. Filling the queue is part of setup, not of the run.
    public init(pending: Int, eventLimit: Int, meanIncrement: SimDuration = .seconds(1), in simulator: Simulator) {
        precondition(pending > 0 && eventLimit > 0 && meanIncrement.nanoseconds > 0)
        self.pending = pending
        self.eventLimit = eventLimit
        self.meanIncrementNanoseconds = Double(meanIncrement.nanoseconds)
        self.random = simulator.stream("hold")
        self.id = simulator.register(self)
        for item in 0..<pending {
            simulator.schedule(at: simulator.now + nextIncrement(), for: id, payload: Int64(item))
        }
    }

    /// One exponential increment, in whole nanoseconds.
    @inlinable @inline(__always)
    func nextIncrement() -> SimDuration {
        SimDuration(nanoseconds: Int64(-meanIncrementNanoseconds * log(random.nextOpenUnit())))
    }

    public func handle(_ event: Event, in simulator: Simulator) {
        payloadChecksum &+= event.payload
        eventsHandled &+= 1
        if eventsHandled >= eventLimit {
            simulator.stop()
            return
        }
        simulator.schedule(after: nextIncrement(), for: id, payload: event.payload)
    }

    /// Runs until `eventLimit` events have been handled.
    public func run(_ simulator: Simulator) {
        simulator.run(until: .distantFuture)
    }
}
