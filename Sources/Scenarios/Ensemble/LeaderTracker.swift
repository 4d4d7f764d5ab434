import Coordination
import Simulation

/// Follows the ensemble from the outside: which servers are up, which has established the
/// newest epoch, and so whether a leader is serving and whether a quorum is up.
///
/// The service is up while the server that established the highest epoch is itself up; a paused
/// leader that still believes it leads is not serving anyone. Each outage is split into the time
/// without a quorum (repairs) and the time with one (the election and synchronisation).
///
/// A serving leader's crash or pause that leaves a quorum up is also split into phases:
/// detection (→ the first other server goes LOOKING) and election (→ a new leader establishes
/// its epoch). A loss the leader comes back from before anyone noticed, or during which the
/// quorum is lost, is not a sample.
final class LeaderTracker: Observer {
    let servers: Int
    let quorum: Int
    private var hostUp: [Bool]
    private var established: [Int64?]
    /// The cycles of the service being down and of the quorum being lost, from the last reset.
    private(set) var serviceDownCycles: VisitCycles?
    private(set) var quorumLostCycles: VisitCycles?
    /// Time with the service {up, down}.
    private(set) var service: TimeWeightedState
    /// Time with a quorum {up, down}.
    private(set) var quorumState: TimeWeightedState
    private(set) var elections = 0
    private(set) var outages: [Outage] = []
    private(set) var electionTimes: [Double] = []
    /// Leader losses split into detection and election.
    private(set) var phases = FailoverPhases()
    private var leaderLoss: (leader: Int, lostAt: SimTime, detectedAt: SimTime?)?
    /// When each server last went LOOKING, for the winner's LOOKING → LEADING.
    private var lookingSince: [SimTime?]
    private var outageStart: SimTime?
    private var electionSoFar: SimDuration = .zero
    private var lastUpdate: SimTime = .zero
    private var measureFrom: SimTime = .zero
    /// Timeline entries (kept when asked).
    var timeline: [TimelineEntry]?

    init(servers: Int, keepTimeline: Bool) {
        self.servers = servers
        quorum = servers / 2 + 1
        hostUp = Array(repeating: true, count: servers)
        established = Array(repeating: nil, count: servers)
        lookingSince = Array(repeating: nil, count: servers)
        service = TimeWeightedState(stateCount: 2, initial: 1, at: .zero)
        quorumState = TimeWeightedState(stateCount: 2, initial: 0, at: .zero)
        outageStart = .zero
        timeline = keepTimeline ? [] : nil
    }

    /// Starts measuring afresh (after the warm-up); an outage under way is measured from here.
    func reset(at time: SimTime) {
        service.reset(at: time)
        quorumState.reset(at: time)
        serviceDownCycles = VisitCycles(inSet: !serviceUp, at: time)
        quorumLostCycles = VisitCycles(inSet: !quorumUp, at: time)
        outages.removeAll()
        electionTimes.removeAll()
        phases = FailoverPhases()
        leaderLoss = nil
        elections = 0
        measureFrom = time
    }

    var serviceUp: Bool { servingLeader != nil }

    /// Closes the cycles at the end of the measured window: (service down, quorum lost).
    func finishCycles(at end: SimTime) -> (service: CycleStatistics, quorumLost: CycleStatistics)? {
        guard var service = serviceDownCycles, var quorum = quorumLostCycles else { return nil }
        return (service.finish(at: end), quorum.finish(at: end))
    }

    /// The outages ended so far, and the one under way at `end` (censored), clipped to the measured window.
    func outages(until end: SimTime) -> [Outage] {
        guard let start = outageStart, end > measureFrom else { return outages }
        return outages + [Outage(start: max(start, measureFrom), end: end, isCensored: true)]
    }

    /// The up server that established the newest epoch, if it is the newest.
    var servingLeader: Int? {
        // A loop, not filter and max: read on every observation the state recorder samples.
        var leader: Int?
        for i in established.indices {
            guard let epoch = established[i] else { continue }
            if let best = leader, epoch <= established[best]! { continue }
            leader = i
        }
        guard let leader else { return nil }
        return hostUp[leader] ? leader : nil
    }

    var quorumUp: Bool { hostUp.count { $0 } >= quorum }  // no array: read on every observation

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        let i = Int(host.index)
        guard i < servers else { return }
        accumulateElection(until: time)
        if type(of: observation) == ZabApplied.self { return }  // the most frequent; no cast for it
        switch observation {
        case let event as HostEvent:
            let wasLeading = servingLeader == i
            let name: String
            switch event {
            case .crashed: hostUp[i] = false; established[i] = nil; name = "crash"
            case .paused: hostUp[i] = false; name = "pause"
            case .restarted: hostUp[i] = true; name = "restart"
            case .resumed: hostUp[i] = true; name = "resume"
            default: return
            }
            timeline?.append(TimelineEntry(time: time, event: name, subject: "zk\(i + 1)"))
            if wasLeading && !hostUp[i] { leaderLoss = (i, time, nil) }
            if let loss = leaderLoss, loss.leader == i, loss.detectedAt == nil, hostUp[i] { leaderLoss = nil }
        case let zab as ZabObservation:
            switch zab {
            case .state(.leading):
                if let loss = leaderLoss, loss.lostAt >= measureFrom, let since = lookingSince[i] {
                    phases.leaderElectionSeconds.append((time - since).seconds)
                }
                return
            case .state(.looking):
                lookingSince[i] = time
                guard let loss = leaderLoss, loss.leader != i, loss.detectedAt == nil else { return }
                leaderLoss?.detectedAt = time
                if loss.lostAt >= measureFrom { phases.detectionSeconds.append((time - loss.lostAt).seconds) }
                return
            case .established(let epoch):
                if let loss = leaderLoss, let detected = loss.detectedAt, loss.lostAt >= measureFrom {
                    phases.electionSeconds.append((time - detected).seconds)
                }
                leaderLoss = nil
                established[i] = epoch
                if time >= measureFrom { elections += 1 }
                timeline?.append(TimelineEntry(time: time, event: "leader epoch \(epoch)", subject: "zk\(i + 1)"))
            case .steppedDown: established[i] = nil
            default: return
            }
        default: return
        }
        update(at: time)
    }

    private func accumulateElection(until time: SimTime) {
        let from = max(lastUpdate, measureFrom)
        if outageStart != nil && quorumUp && time > from { electionSoFar = electionSoFar + (time - from) }
        lastUpdate = time
    }

    private func update(at time: SimTime) {
        quorumState.set(quorumUp ? 0 : 1, at: time)
        quorumLostCycles?.set(!quorumUp, at: time)
        if !quorumUp { leaderLoss = nil }
        let up = serviceUp
        service.set(up ? 0 : 1, at: time)
        serviceDownCycles?.set(!up, at: time)
        if !up && outageStart == nil {
            outageStart = time
            electionSoFar = .zero
            timeline?.append(TimelineEntry(time: time, event: "outage_start", subject: "service"))
        } else if up, let start = outageStart {
            let from = max(start, measureFrom)
            if time > measureFrom {
                outages.append(Outage(start: from, end: time))
                electionTimes.append(electionSoFar.seconds)
            }
            outageStart = nil
            timeline?.append(TimelineEntry(time: time, event: "outage_end", subject: "service"))
        }
    }
}
