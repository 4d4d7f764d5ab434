/// One injected fault, as a scripted timeline or the swarm generator describes it.
public enum Fault: Sendable, Equatable {
    /// Kill the host's process (see ``CrashMode`` for how peers learn of it); optionally its disk
    /// loses unsynced writes.
    case crash(HostID, mode: CrashMode = .process, loseUnsyncedWrites: Bool = false)
    /// Start a crashed host again; optionally from an empty disk (disk loss).
    case restart(HostID, wipeDisk: Bool = false)
    /// Freeze a host (GC pause, VM stall) until `resume`.
    case pause(HostID)
    /// Freeze a host right after it next sends what `trigger` describes (a GC pause at the worst
    /// moment: a request in flight whose answer the host will act on, late). Until then the pause
    /// is armed; a `resume` before it fires disarms it.
    case pauseOnSend(HostID, SendTrigger)
    case resume(HostID)
    /// Cut every link between the groups, both ways.
    case partition([[HostID]])
    /// Cut one direction only.
    case cutLink(from: HostID, to: HostID)
    case healLink(from: HostID, to: HostID)
    /// Restore every link.
    case healAll
    /// Step a host's clock.
    case clockJump(HostID, SimDuration)
    /// Make a host's clock run at rate 1 + drift.
    case clockDrift(HostID, Double)

    /// Applies the fault to a running simulation.
    public func apply(to simulator: Simulator) {
        switch self {
        case .crash(let h, let mode, let lose): simulator.crash(h, mode: mode, loseUnsyncedWrites: lose)
        case .restart(let h, let wipe): simulator.restart(h, wipeDisk: wipe)
        case .pause(let h): simulator.pause(h)
        case .pauseOnSend(let h, let trigger): simulator.pauseOnSend(h, trigger)
        case .resume(let h): simulator.resume(h)
        case .partition(let groups): simulator.partition(groups)
        case .cutLink(let a, let b): simulator.cutLink(from: a, to: b)
        case .healLink(let a, let b): simulator.healLink(from: a, to: b)
        case .healAll: simulator.healAll()
        case .clockJump(let h, let d): simulator.jumpClock(of: h, by: d)
        case .clockDrift(let h, let drift): simulator.setClockDrift(of: h, to: drift)
        }
    }
}

/// The message that fires an armed `pauseOnSend`: the next one to `to`, of kind `kind` if given.
public struct SendTrigger: Sendable, Equatable {
    public var to: HostID
    /// A ``Message/kind`` such as "STORE_READ"; nil matches any message.
    public var kind: MessageKind?
    public init(to: HostID, kind: MessageKind? = nil) {
        self.to = to
        self.kind = kind
    }

    func matches(_ message: any Message, to peer: HostID) -> Bool { peer == to && (kind == nil || kind == message.kind) }
}

/// A fault at a time.
public struct ScheduledFault: Sendable, Equatable {
    public var time: SimTime
    public var fault: Fault
    /// When set, the fault's host is chosen when it applies: the role's holder for a fault that
    /// takes a host down (``Simulator/registerRole(_:resolver:)``), and the host the role's last
    /// such fault hit for one that brings a host back; with nobody to choose, nothing happens.
    public var role: String?
    public init(at time: SimTime, _ fault: Fault, role: String? = nil) {
        self.time = time
        self.fault = fault
        self.role = role
    }
}

/// Applies a timeline of faults at their times; faults at the same time apply in list order.
public final class FaultInjector: EventHandler {
    /// The timeline, sorted by time (stable).
    public let timeline: [ScheduledFault]
    /// Called after each fault is applied (metrics, timelines of the report), with the host a
    /// role stood for.
    public var onApply: ((ScheduledFault) -> Void)?
    /// The host each role's last down-taking fault hit.
    private var lastHit: [String: HostID] = [:]

    public init(_ timeline: [ScheduledFault]) {
        self.timeline = timeline.enumerated().sorted {
            ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
        }.map(\.element)
    }

    /// Registers and schedules every fault.
    public func attach(to simulator: Simulator) {
        let id = simulator.register(self)
        for (index, entry) in timeline.enumerated() {
            simulator.schedule(at: max(entry.time, simulator.now), for: id, payload: Int64(index))
        }
    }

    public func handle(_ event: Event, in simulator: Simulator) {
        var entry = timeline[Int(event.payload)]
        if let role = entry.role {
            let host = entry.fault.takesHostDown ? simulator.holder(of: role) : lastHit[role]
            guard let host else {
                simulator.trace.note("fault-skipped", at: simulator.now, host: nil, 0, detail: "no \(role)")
                return
            }
            if entry.fault.takesHostDown { lastHit[role] = host }
            entry.fault = entry.fault.retargeted(to: host)
        }
        entry.fault.apply(to: simulator)
        onApply?(entry)
    }
}
