/// Everything a process may do: the only door between protocol code and the world.
///
/// Handed to a process for the duration of one input; do not keep it.
public struct ProcessContext {
    @usableFromInline unowned(unsafe) let simulator: Simulator
    /// The host this process runs on.
    public let host: HostID

    init(simulator: Simulator, host: HostID) {
        self.simulator = simulator
        self.host = host
    }

    private var record: HostRecord { simulator.hosts[Int(host.index)] }

    /// The host's local clock (offset and drift included); the true time is not visible.
    public var now: SimTime { record.clock.local(at: simulator.now) }

    /// Sends on the connection to `peer` (opening one if needed): FIFO, no holes, may break.
    public func send(_ message: any Message, to peer: HostID) { simulator.send(message, from: host, to: peer) }

    /// Sends a datagram: may be lost, duplicated or reordered.
    public func sendDatagram(_ message: any Message, to peer: HostID) {
        simulator.sendDatagram(message, from: host, to: peer)
    }

    /// Closes the connection to `peer`; the next send opens a new one. The peer is told if reachable.
    public func closeConnection(to peer: HostID) { simulator.closeConnection(from: host, to: peer) }

    /// The connection that a send to `peer` would use now.
    public func connection(to peer: HostID) -> ConnectionID { simulator.currentConnection(host, peer) }

    /// Sets a timer that fires when the local clock has advanced by `delay`.
    @discardableResult
    public func setTimer(after delay: SimDuration, tag: Int = 0) -> TimerID {
        simulator.setTimer(on: host, after: delay, tag: tag)
    }

    /// Cancels a timer; harmless if it already fired.
    public func cancelTimer(_ timer: TimerID) { simulator.cancelTimer(timer) }

    /// Exits the process (`System.exit`) once this input is handled: its connections are reset
    /// and its volatile state is gone, as after any crash; the host's supervisor, if it has one
    /// (``Simulator/supervise(_:restartAfter:)``), starts it again after its delay.
    public func exit() { simulator.requestExit(of: host) }

    /// Draws from the host's own random stream.
    public func random<R>(_ body: (inout RandomStream) -> R) -> R { body(&record.random) }

    /// A uniform draw in [0, 1) from the host's stream.
    public func randomUnit() -> Double { record.random.nextUnit() }

    /// The host's durable state, as the type the process keeps there.
    public func durable<State: DurableState>(as type: State.Type) -> State {
        guard let state = record.durable as? State else {
            preconditionFailure("host \(host) keeps \(Swift.type(of: record.durable)), not \(State.self)")
        }
        return state
    }

    /// Adds a line to the trace (and its digest).
    public func trace(_ event: String, _ detail: String = "") {
        simulator.trace.note(event, at: simulator.now, host: host, text: detail)
    }

    /// Reports an observation to the run's observers (invariant checkers, metrics).
    public func emit(_ observation: any Observation) { simulator.emit(observation, host: host) }
}
