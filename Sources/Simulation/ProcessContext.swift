/// Everything a process may do: the only door between protocol code and the world.
///
/// Handed to a process for the duration of one input; do not keep it.
public struct ProcessContext {
    /// The kernel and the host's record, unretained: a context lives only while its input is
    /// handled, when both are alive. Reaching them through strong (or `unowned`) references cost
    /// a retain and a release per call, a tenth of a cluster run.
    private let kernel: Unmanaged<Simulator>
    private let hostRecord: Unmanaged<HostRecord>
    /// The host this process runs on.
    public let host: HostID

    init(simulator: Simulator, host: HostID) {
        kernel = .passUnretained(simulator)
        hostRecord = simulator.hostTable[Int(host.index)]
        self.host = host
    }

    /// Runs `body` on the kernel without retaining it.
    @inline(__always)
    private func withSimulator<R>(_ body: (Simulator) -> R) -> R { kernel._withUnsafeGuaranteedRef(body) }

    /// Runs `body` on the host's record without retaining it.
    @inline(__always)
    private func withRecord<R>(_ body: (HostRecord) -> R) -> R { hostRecord._withUnsafeGuaranteedRef(body) }

    /// The host's local clock (offset and drift included); the true time is not visible.
    public var now: SimTime {
        let trueNow = withSimulator { $0.now }
        return withRecord { $0.clock.local(at: trueNow) }
    }

    /// Sends on the connection to `peer` (opening one if needed): FIFO, no holes, may break.
    public func send(_ message: any Message, to peer: HostID) { withSimulator { $0.send(message, from: host, to: peer) } }

    /// Sends a datagram: may be lost, duplicated or reordered.
    public func sendDatagram(_ message: any Message, to peer: HostID) {
        withSimulator { $0.sendDatagram(message, from: host, to: peer) }
    }

    /// Closes the connection to `peer`; the next send opens a new one. The peer is told if reachable.
    public func closeConnection(to peer: HostID) { withSimulator { $0.closeConnection(from: host, to: peer) } }

    /// The connection that a send to `peer` would use now.
    public func connection(to peer: HostID) -> ConnectionID { withSimulator { $0.currentConnection(host, peer) } }

    /// Sets a timer that fires when the local clock has advanced by `delay`.
    @discardableResult
    public func setTimer(after delay: SimDuration, tag: Int = 0) -> TimerID {
        withSimulator { $0.setTimer(on: host, after: delay, tag: tag) }
    }

    /// Cancels a timer; harmless if it already fired.
    public func cancelTimer(_ timer: TimerID) { withSimulator { $0.cancelTimer(timer) } }

    /// Exits the process (`System.exit`) once this input is handled: its connections are reset
    /// and its volatile state is gone, as after any crash; the host's supervisor, if it has one
    /// (``Simulator/supervise(_:restartAfter:)``), starts it again after its delay.
    public func exit() { withSimulator { $0.requestExit(of: host) } }

    /// Draws from the host's own random stream.
    public func random<R>(_ body: (inout RandomStream) -> R) -> R { withRecord { body(&$0.random) } }

    /// A uniform draw in [0, 1) from the host's stream.
    public func randomUnit() -> Double { withRecord { $0.random.nextUnit() } }

    /// The host's durable state, as the type the process keeps there.
    public func durable<State: DurableState>(as type: State.Type) -> State {
        guard let state = withRecord({ $0.durable }) as? State else {
            preconditionFailure("host \(host) keeps \(Swift.type(of: withRecord { $0.durable })), not \(State.self)")
        }
        return state
    }

    /// Adds a line to the trace (and its digest).
    public func trace(_ event: String, _ detail: String = "") {
        withSimulator { $0.trace.note(event, at: $0.now, host: host, text: detail) }
    }

    /// Reports an observation to the run's observers (invariant checkers, metrics).
    public func emit(_ observation: any Observation) { withSimulator { $0.emit(observation, host: host) } }
}
