/// `n` components failing and being repaired by a ``FailureModel``, with shared crews if asked.
///
/// It measures each component's down time and the time with exactly k components down, and calls
/// `onChange` so a scenario can crash and restart the host a component stands for. Each component
/// draws from its own stream, so adding a component does not change the others' draws.
public final class ComponentGroup: EventHandler {
    enum Kind: UInt32 { case failure = 0, repaired = 1 }

    /// The group's name, also the root of its random streams.
    public let name: String
    public let model: FailureModel
    /// Whether each component is up.
    public private(set) var isUp: [Bool]
    /// Time in {up, down} per component.
    public private(set) var componentStates: [TimeWeightedState]
    /// Time with exactly k components down, k = 0…n.
    public private(set) var downCount: TimeWeightedState
    /// Called after a component changes: the component and what happened to it.
    public var onChange: ((Int, ComponentChange) -> Void)?

    private var streams: [RandomStream]
    private var waitingForCrew: [Int] = []
    private var busyCrews = 0
    private var handler = HandlerID(index: -1)
    private unowned(unsafe) var simulator: Simulator?

    /// Creates the group; `attach(to:)` starts it.
    public init(name: String, count: Int, model: FailureModel, seed: StreamSeed) {
        precondition(count > 0, "a group needs at least one component")
        self.name = name
        self.model = model
        isUp = Array(repeating: true, count: count)
        componentStates = Array(repeating: TimeWeightedState(stateCount: 2, initial: 0, at: .zero), count: count)
        downCount = TimeWeightedState(stateCount: count + 1, initial: 0, at: .zero)
        streams = (0..<count).map { seed.derive("component:" + name, $0).stream }
    }

    /// Registers with the simulator and schedules every component's first failure.
    public func attach(to simulator: Simulator) {
        self.simulator = simulator
        handler = simulator.register(self)
        for component in isUp.indices {
            componentStates[component].reset(at: simulator.now)
            scheduleFailure(of: component)
        }
        downCount.reset(at: simulator.now)
    }

    /// Components down now.
    public var currentlyDown: Int { downCount.current }

    /// Forgets the statistics gathered so far (after a warm-up).
    public func resetStatistics(at time: SimTime) {
        for i in componentStates.indices { componentStates[i].reset(at: time) }
        downCount.reset(at: time)
    }

    public func handle(_ event: Event, in simulator: Simulator) {
        let component = Int(event.payload)
        switch Kind(rawValue: event.kind) {
        case .failure:
            let mode = model.crashModes.draw(&streams[component])
            setUp(component, false, at: simulator.now, change: .failed(mode))
            if let crews = model.repairCrews, busyCrews >= crews {
                waitingForCrew.append(component)
            } else {
                startRepair(of: component)
            }
        case .repaired:
            busyCrews -= 1
            setUp(component, true, at: simulator.now, change: .repaired)
            scheduleFailure(of: component)
            if !waitingForCrew.isEmpty { startRepair(of: waitingForCrew.removeFirst()) }
        case nil:
            preconditionFailure("unknown event kind \(event.kind)")
        }
    }

    private func setUp(_ component: Int, _ up: Bool, at time: SimTime, change: ComponentChange) {
        isUp[component] = up
        componentStates[component].set(up ? 0 : 1, at: time)
        downCount.set(downCount.current + (up ? -1 : 1), at: time)
        simulator?.trace.note(up ? "repaired" : "failed", at: time, host: nil, Int64(component), detail: "\(name)[\(component)]")
        onChange?(component, change)
    }

    private func scheduleFailure(of component: Int) {
        let delay = model.timeToFailure.sampleDuration(&streams[component])
        simulator?.schedule(after: delay, for: handler, kind: Kind.failure.rawValue, payload: Int64(component))
    }

    private func startRepair(of component: Int) {
        busyCrews += 1
        let delay = model.timeToRepair.sampleDuration(&streams[component])
        simulator?.schedule(after: delay, for: handler, kind: Kind.repaired.rawValue, payload: Int64(component))
    }
}

/// What happened to a component of a ``ComponentGroup``.
public enum ComponentChange: Sendable, Equatable {
    /// It failed; the host it stands for crashes in this mode.
    case failed(CrashMode)
    /// It was repaired; the host restarts.
    case repaired

    /// Whether the component is up after the change.
    public var isUp: Bool { self == .repaired }

    /// Crashes or restarts `host` accordingly.
    public func apply(to host: HostID, in simulator: Simulator) {
        switch self {
        case .failed(let mode): simulator.crash(host, mode: mode)
        case .repaired: simulator.restart(host)
        }
    }
}
