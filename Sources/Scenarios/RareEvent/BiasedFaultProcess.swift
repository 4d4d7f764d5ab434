import Foundation
import Reliability
import Simulation

/// The fault process of a rare-event cycle on a protocol kind: every host with a failure model
/// fails and is repaired as ``ComponentGroup`` would do it, except that while something is in
/// repair the next failure is drawn by ``BalancedFailureBiasing`` (segment by segment, up to the
/// next repair completion) and the cycle's likelihood ratio is kept. Only this process is
/// biased; the protocols run untouched. With nothing in repair the failure clock is the true one,
/// and so it is while some group has failed (the system is down by its structure): biasing then
/// makes no rarer event more likely, it only spreads the weights (Carrasco 1991, failure distance
/// biasing: bias only while the distance to failure is positive).
final class BiasedFaultProcess: EventHandler {
    /// A group of hosts with one failure model: its repair crews, and how many of its hosts down
    /// take the service down (a single point of failure: 1; a ZooKeeper majority: servers/2 + 1
    /// of 3 is 2; every scheduler: their count).
    struct Group: Sendable, Equatable {
        var name: String
        /// Repair crews (nil: one per component).
        var crews: Int?
        var failedAt: Int
        /// The part one of its hosts plays in the settled state that the others do not, if any.
        var role: Role? = nil
    }

    /// A host of a group that matters more than the others when it fails first: the cycles are
    /// stratified by whether the first failure hits it (``RareEventRun``).
    enum Role: Sendable, Equatable {
        /// The Zab leader among the ZooKeeper servers: its crash costs an election, a
        /// follower's nothing.
        case zabLeader
        /// The scheduler holding the leader latch: its crash costs a failover, a standby's nothing.
        case latchHolder

        /// The names of the two strata: the host in the role, the others.
        var strata: (holder: String, others: String) {
            switch self {
            case .zabLeader: ("leader", "followers")
            case .latchHolder: ("latch holder", "standby")
            }
        }
    }

    /// A host that fails by a model.
    struct Component: Sendable, Equatable {
        var name: String
        var host: HostID
        /// Index of its group (shared crews are per group).
        var group: Int
        /// λ, per second.
        var failureRate: Double
        var repair: Distribution
        /// How its host crashes (silent host crash or process crash).
        var crashModes: CrashModeMix
    }

    private enum Kind: UInt32 { case failure = 0, repaired = 1 }
    private enum State { case up, waiting, repairing(until: SimTime) }

    let components: [Component]
    let groups: [Group]
    let biasing: BalancedFailureBiasing
    /// log of the cycle's likelihood ratio so far, with the current segment's whole ratio in it
    /// (its outcome is drawn when it starts); ``logWeight(at:)`` is the ratio up to a moment.
    private(set) var logWeight = 0.0
    /// The current segment: since when, the log weight before it, its clocks.
    private var segmentStart = SimTime.zero
    private var segmentBase = 0.0
    private var clock = SegmentClock.unbiased
    /// When the planned failure comes, if one is planned.
    private var failureAt: SimTime?
    /// When the last failure or repair happened.
    private(set) var lastChange = SimTime.zero
    /// Called after a host fails (with its crash mode) or is repaired.
    var onChange: ((Component, ComponentChange) -> Void)?
    /// The crash mode of each component that is down.
    private(set) var crashModes: [CrashMode?]

    private var repairStreams: [RandomStream]
    private var decisions: RandomStream
    private var states: [State]
    private var busy: [Int]
    private var waiting: [[Int]]
    /// Failure events carry it; a plan made before the last change of state is stale.
    private var generation: Int64 = 0
    private var handler: HandlerID?
    private unowned(unsafe) var simulator: Simulator?
    private static let generationShift: Int64 = 20

    init(components: [Component], groups: [Group], biasing: BalancedFailureBiasing, seed: StreamSeed) {
        precondition(components.count < 1 << Self.generationShift, "too many components")
        precondition(components.allSatisfy { $0.failureRate > 0 && groups.indices.contains($0.group) })
        precondition(groups.allSatisfy { $0.failedAt >= 1 })
        self.components = components
        self.groups = groups
        self.biasing = biasing
        repairStreams = components.indices.map { seed.derive("repair:" + components[$0].name).stream }
        decisions = seed.derive("failures").stream
        states = components.map { _ in .up }
        crashModes = components.map { _ in nil }
        busy = groups.map { _ in 0 }
        waiting = groups.map { _ in [] }
    }

    /// Λ, the total failure rate in all-up, per second.
    var allUpRate: Double { components.reduce(0) { $0 + $1.failureRate } }

    /// Whether every component is up.
    var allUp: Bool { components.indices.allSatisfy(isUp) }

    /// The components down now, in component order, with their crash modes.
    var down: [(component: Component, mode: CrashMode)] {
        components.indices.compactMap { i in crashModes[i].map { (components[i], $0) } }
    }

    private func isUp(_ i: Int) -> Bool { if case .up = states[i] { true } else { false } }

    /// Whether some group has as many hosts down as take the service down.
    var structurallyDown: Bool {
        groups.indices.contains { g in components.indices.filter { components[$0].group == g && !isUp($0) }.count >= groups[g].failedAt }
    }

    /// The next failure or repair completion, if any: the likelihood ratio is smooth until then.
    var nextChange: SimTime? {
        var next = failureAt
        for case .repairing(let until) in states where next.map({ until < $0 }) ?? true { next = until }
        return next
    }

    /// log L_t, the likelihood ratio of the process up to `time`, between the last change and
    /// ``nextChange`` (``SegmentClock``).
    func logWeight(at time: SimTime) -> Double {
        precondition(time >= segmentStart && nextChange.map { time <= $0 } ?? true, "\(time) outside the current segment")
        return segmentBase + clock.logLikelihoodRatio(after: (time - segmentStart).seconds)
    }

    /// ∫ L_t dt over [from, to], seconds, within the current segment.
    func integratedWeight(from: SimTime, to: SimTime) -> Double {
        precondition(from >= segmentStart && nextChange.map { to <= $0 } ?? true, "[\(from), \(to)] outside the current segment")
        return exp(segmentBase)
            * clock.integratedLikelihoodRatio(from: (from - segmentStart).seconds, to: (to - segmentStart).seconds)
    }

    /// Registers with the simulator; nothing fails until ``injectFirstFailure()``.
    func attach(to simulator: Simulator) {
        self.simulator = simulator
        handler = simulator.register(self)
    }

    /// Fails one component now, drawn with its true probability λ_j/Λ (the all-up sojourn that
    /// would precede it is not simulated), or λ_j/Λ_s within the stratum when the cycles are
    /// stratified by the first failure (its failure group `group`, and of those the components
    /// `filter` accepts), and plans what comes next.
    func injectFirstFailure(in group: Int? = nil, where filter: ((Component) -> Bool)? = nil) {
        precondition(allUp, "a cycle starts in all-up")
        let candidates = components.indices.filter {
            (group == nil || components[$0].group == group) && filter?(components[$0]) ?? true
        }
        precondition(!candidates.isEmpty, "group \(group.map(String.init) ?? "any") has a component")
        fail(pick(in: candidates, uniform: decisions.nextUnit()))
        plan()
    }

    /// Ends the cycle: a failure planned but not yet come is dropped (in all-up it is unbiased),
    /// and the change callback is let go: it holds the simulator, which holds this handler, and
    /// that cycle kept every finished cycle's simulator alive.
    func finish() {
        generation += 1
        failureAt = nil
        onChange = nil
    }

    func handle(_ event: Event, in simulator: Simulator) {
        switch Kind(rawValue: event.kind) {
        case .failure:
            guard event.payload >> Self.generationShift == generation else { return }
            let component = Int(event.payload & ((1 << Self.generationShift) - 1))
            precondition(isUp(component), "only an up component fails")
            fail(component)
        case .repaired:
            let component = Int(event.payload)
            let group = components[component].group
            busy[group] -= 1
            states[component] = .up
            crashModes[component] = nil
            if !waiting[group].isEmpty { startRepair(waiting[group].removeFirst()) }
            lastChange = simulator.now
            onChange?(components[component], .repaired)
        case nil:
            preconditionFailure("unknown event kind \(event.kind)")
        }
        plan()
    }

    private func fail(_ component: Int) {
        let group = components[component].group
        let mode = components[component].crashModes.draw(&repairStreams[component])
        crashModes[component] = mode
        if let limit = groups[group].crews, busy[group] >= limit {
            states[component] = .waiting
            waiting[group].append(component)
        } else {
            startRepair(component)
        }
        lastChange = simulator!.now
        onChange?(components[component], .failed(mode))
    }

    private func startRepair(_ component: Int) {
        busy[components[component].group] += 1
        let delay = components[component].repair.sampleDuration(&repairStreams[component])
        states[component] = .repairing(until: simulator!.now + delay)
        simulator!.schedule(after: delay, for: handler!, kind: Kind.repaired.rawValue, payload: Int64(component))
    }

    /// Plans the next failure after a change of state: a biased segment up to the next repair
    /// completion while something is in repair and the structure is up, the true clock otherwise.
    private func plan() {
        generation += 1
        let now = simulator!.now
        (segmentStart, segmentBase, clock, failureAt) = (now, logWeight, .unbiased, nil)
        let up = components.indices.filter(isUp)
        guard !up.isEmpty else { return }
        let rates = up.map { components[$0].failureRate }
        var repairAt: SimTime?
        for state in states {
            if case .repairing(let until) = state, repairAt.map({ until < $0 }) ?? true { repairAt = until }
        }
        // Three draws per plan either way, so the stream stays aligned.
        let (u1, u2, u3) = (decisions.nextUnit(), decisions.nextUnit(), decisions.nextOpenUnit())
        let delay: SimDuration
        let component: Int
        if let repairAt, repairAt > now, !structurallyDown {
            let repairRate = components.indices.reduce(0.0) { sum, i in
                if case .repairing = states[i] { sum + 1 / components[i].repair.mean } else { sum }
            }
            let segment = biasing.segment(
                trueRates: rates, horizon: (repairAt - now).seconds, scale: 1 / repairRate, decide: u1, which: u2, when: u3)
            logWeight += segment.logLikelihoodRatio
            clock = segment.clock
            guard let failure = segment.failure else { return }
            component = up[failure.component]
            // Strictly before the repair, also after rounding to the kernel's nanoseconds.
            delay = min(SimDuration(seconds: failure.after), repairAt - now - .nanoseconds(1))
        } else {
            let total = rates.reduce(0, +)
            component = pick(in: up, uniform: u1)
            delay = SimDuration(seconds: -log(u3) / total)
        }
        failureAt = now + delay
        simulator!.schedule(
            after: delay, for: handler!, kind: Kind.failure.rawValue,
            payload: generation << Self.generationShift | Int64(component))
    }

    /// A component of `candidates` with probability proportional to its failure rate.
    private func pick(in candidates: [Int], uniform: Double) -> Int {
        var u = uniform * candidates.reduce(0) { $0 + components[$1].failureRate }
        for i in candidates {
            u -= components[i].failureRate
            if u < 0 { return i }
        }
        return candidates[candidates.count - 1]
    }
}
