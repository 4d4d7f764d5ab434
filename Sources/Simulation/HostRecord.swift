/// Whether a host's process is running.
public enum HostStatus: Sendable, Equatable {
    /// Running and handling inputs.
    case up
    /// Dead: no process, no timers; durable state waits on disk.
    case crashed
    /// Frozen (a GC pause, a VM stall): inputs wait and are handled on resume, against a stale view.
    case paused
}

/// What the kernel reports about hosts to observers.
public enum HostEvent: Observation, Sendable, Equatable {
    case crashed, restarted, paused, resumed
    case clockJumped(SimDuration)
    case clockDrift(Double)
}

/// A host's state inside the kernel.
final class HostRecord {
    let name: String
    var status: HostStatus = .up
    /// How the host died, while it is crashed.
    var crashMode: CrashMode?
    /// Bumped at every crash; events of an earlier incarnation are stale.
    var incarnation: UInt32 = 0
    var process: any Process
    var durable: any DurableState
    let makeProcess: (HostID) -> any Process
    let makeDurable: () -> any DurableState
    var clock = LocalClock()
    var random: RandomStream
    /// Inputs that arrived while paused, in arrival order.
    var heldInputs: [Event] = []
    /// The message whose sending pauses this host (see `Simulator.pauseOnSend`).
    var pauseTrigger: SendTrigger?
    /// How long after its process exits the host's supervisor restarts it; nil: no supervisor.
    var supervisorDelay: SimDuration?

    init(name: String, id: HostID, seed: StreamSeed,
         makeDurable: @escaping () -> any DurableState, makeProcess: @escaping (HostID) -> any Process) {
        self.name = name
        self.makeProcess = makeProcess
        self.makeDurable = makeDurable
        self.durable = makeDurable()
        self.process = makeProcess(id)
        self.random = RandomStream(seed)
    }
}

/// Durable state for processes that keep nothing on disk.
public final class NoDurableState: DurableState {
    public init() {}
    public func loseUnsyncedWrites() {}
}
