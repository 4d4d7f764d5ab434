import Foundation

/// The two classic kernel benchmarks, run through the real ``Simulator``: a fixed population of
/// events where handling one schedules exactly one more at `now + Exp(mean)`, so the queue size
/// stays constant and a run measures the kernel's pop, dispatch and push.
///
/// - ``phold(processes:eventLimit:meanDelay:in:)``: PHOLD (Fujimoto 1990): each new event goes to
///   a process drawn uniformly at random.
/// - ``hold(pending:eventLimit:meanIncrement:in:)``: the hold model for priority queues (Vaucher
///   and Duval 1975): the popped event goes back in with its own payload; hold(10⁴) measures a
///   cache-resident queue and hold(10⁶) one that spills out of cache.
///
/// Time unit: nanoseconds; the default mean delay is 1 s (10⁹ ns). The handler stops the
/// simulator after `eventLimit` events. Not thread-safe (one model per simulator).
public final class FixedPopulationModel: EventHandler {
    /// Where the event a handled event schedules goes.
    public enum Destination: Sendable, Equatable {
        /// A process drawn uniformly from `0..<processes` (PHOLD).
        case randomProcess(processes: Int)
        /// The same payload again (hold).
        case same
    }

    /// Events pending at any time.
    public let population: Int
    public let destination: Destination
    /// Mean delay between an event and the one it schedules, in nanoseconds.
    public let meanDelayNanoseconds: Double
    /// The run stops after this many events.
    public let eventLimit: Int
    /// Events handled so far.
    public private(set) var eventsHandled = 0
    /// Sum of the payloads handled, wrapping (a checksum for tests).
    public private(set) var payloadChecksum: Int64 = 0

    @usableFromInline var random: RandomStream
    @usableFromInline var id = HandlerID(index: -1)

    /// A model of `population` events drawing from `simulator.stream(streamLabel)`; filling the
    /// queue is part of setup, not of the run.
    public init(
        population: Int, destination: Destination, eventLimit: Int, meanDelay: SimDuration, streamLabel: String,
        in simulator: Simulator
    ) {
        precondition(population > 0 && eventLimit > 0 && meanDelay.nanoseconds > 0)
        self.population = population
        self.destination = destination
        self.eventLimit = eventLimit
        self.meanDelayNanoseconds = Double(meanDelay.nanoseconds)
        self.random = simulator.stream(streamLabel)
        self.id = simulator.register(self)
        for item in 0..<population {
            simulator.schedule(at: simulator.now + nextDelay(), for: id, payload: Int64(item))
        }
    }

    /// PHOLD with `processes` processes, one initial event each.
    public static func phold(
        processes: Int, eventLimit: Int, meanDelay: SimDuration = .seconds(1), in simulator: Simulator
    ) -> FixedPopulationModel {
        FixedPopulationModel(
            population: processes, destination: .randomProcess(processes: processes), eventLimit: eventLimit,
            meanDelay: meanDelay, streamLabel: "phold", in: simulator)
    }

    /// The hold model with `pending` events.
    public static func hold(
        pending: Int, eventLimit: Int, meanIncrement: SimDuration = .seconds(1), in simulator: Simulator
    ) -> FixedPopulationModel {
        FixedPopulationModel(
            population: pending, destination: .same, eventLimit: eventLimit, meanDelay: meanIncrement,
            streamLabel: "hold", in: simulator)
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
        let payload: Int64
        switch destination {
        case .randomProcess(let processes): payload = Int64(random.nextInt(below: processes))
        case .same: payload = event.payload
        }
        simulator.schedule(after: nextDelay(), for: id, payload: payload)
    }

    /// Runs until `eventLimit` events have been handled.
    public func run(_ simulator: Simulator) {
        simulator.run(until: .distantFuture)
    }
}
