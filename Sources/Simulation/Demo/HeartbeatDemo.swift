/// The kernel's API in one small system: a worker sends heartbeats to a monitor, which declares
/// the worker down after a silence and up again on the next heartbeat. A ``ComponentGroup`` crashes
/// and restarts the worker; the monitor's view is compared with the truth.
///
/// Used by `nines demo` and by the kernel's tests; protocol code proper lives in higher layers.
public enum HeartbeatDemo {
    /// A heartbeat; carries the worker's sequence number.
    public struct Beat: Message {
        public let sequence: Int
        public static let kind = MessageKind("BEAT")
        public var kind: MessageKind { Self.kind }
    }

    /// Sends a beat every `interval` on its local clock; its sequence number is durable.
    public final class Worker: Process {
        let monitor: HostID
        let interval: SimDuration
        public init(monitor: HostID, interval: SimDuration) {
            self.monitor = monitor
            self.interval = interval
        }
        public func start(_ context: ProcessContext) { beat(context) }
        public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {}
        public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) { beat(context) }

        private func beat(_ context: ProcessContext) {
            let disk = context.durable(as: Counter.self)
            disk.value.write(disk.value.current + 1)
            context.send(Beat(sequence: disk.value.current), to: monitor)
            context.setTimer(after: interval)
        }
    }

    /// A durable counter.
    public final class Counter: DurableState {
        public var value = SyncedValue(0)
        public init() {}
        public func loseUnsyncedWrites() { value.loseUnsynced() }
    }

    /// Declares the worker down when no beat came for `timeout`; measures what it believes.
    public final class Monitor: Process {
        let timeout: SimDuration
        public private(set) var believesUp = true
        public private(set) var detections = 0
        public private(set) var lastSequence = 0
        private var deadline: TimerID?
        public init(timeout: SimDuration) { self.timeout = timeout }

        public func start(_ context: ProcessContext) { rearm(context) }
        public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
            guard let beat = message as? Beat else { return }
            lastSequence = beat.sequence
            if !believesUp {
                believesUp = true
                context.emit(View(workerUp: true))
            }
            rearm(context)
        }
        public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
            guard believesUp else { return }
            believesUp = false
            detections += 1
            context.trace("suspect", "no beat for \(timeout)")
            context.emit(View(workerUp: false))
        }
        private func rearm(_ context: ProcessContext) {
            if let deadline { context.cancelTimer(deadline) }
            deadline = context.setTimer(after: timeout)
        }
    }

    /// The monitor's belief changed.
    public struct View: Observation { public let workerUp: Bool }

    /// What one run of the demo measured.
    public struct Result: Sendable, Equatable {
        public var truthDownFraction: Double
        public var believedDownFraction: Double
        public var analyticDownFraction: Double
        public var failures: Int
        public var detections: Int
        public var events: Int
        public var digest: UInt64
    }

    /// Watches the monitor's belief over time.
    final class BeliefTracker: Observer {
        var state = TimeWeightedState(stateCount: 2, initial: 0, at: .zero)
        func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
            if let view = observation as? View { state.set(view.workerUp ? 0 : 1, at: time) }
        }
    }

    /// Runs the demo: the worker fails by `model`, beats every second, the monitor times out after 3 s.
    public static func run(seed: UInt64, duration: SimDuration, model: FailureModel) -> Result {
        let simulator = Simulator(seed: seed)
        let monitor = simulator.addHost("monitor") { _ in Monitor(timeout: .seconds(3)) }
        let worker = simulator.addHost("worker", durable: { Counter() }) { _ in
            Worker(monitor: monitor, interval: .seconds(1))
        }
        let tracker = BeliefTracker()
        simulator.addObserver(tracker)
        let failures = ComponentGroup(name: "worker", count: 1, model: model, seed: simulator.seed)
        failures.onChange = { _, change in change.apply(to: worker, in: simulator) }
        failures.attach(to: simulator)
        simulator.run(for: duration)
        let end = simulator.now
        return Result(
            truthDownFraction: failures.componentStates[0].fractions(until: end)[1],
            believedDownFraction: tracker.state.fractions(until: end)[1],
            analyticDownFraction: model.unavailability,
            failures: failures.componentStates[0].transitions / 2 + failures.componentStates[0].transitions % 2,
            detections: (simulator.process(of: monitor) as! Monitor).detections,
            events: simulator.eventsProcessed,
            digest: simulator.trace.digest)
    }
}
