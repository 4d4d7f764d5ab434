import Coordination
import Simulation

/// Follows the ensemble from the outside: which servers are up, which has established the
/// newest epoch, and so whether a leader is serving and whether a quorum is up.
///
/// The service is up while the server that established the highest epoch is itself up; a paused
/// leader that still believes it leads is not serving anyone. Each outage is split into the time
/// without a quorum (repairs) and the time with one (the election and synchronisation).
final class LeaderTracker: Observer {
    let servers: Int
    let quorum: Int
    private var hostUp: [Bool]
    private var established: [Int64?]
    /// Time with the service {up, down}.
    private(set) var service: TimeWeightedState
    /// Time with a quorum {up, down}.
    private(set) var quorumState: TimeWeightedState
    private(set) var elections = 0
    private(set) var outages: [Double] = []
    private(set) var electionTimes: [Double] = []
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
        service = TimeWeightedState(stateCount: 2, initial: 1, at: .zero)
        quorumState = TimeWeightedState(stateCount: 2, initial: 0, at: .zero)
        outageStart = .zero
        timeline = keepTimeline ? [] : nil
    }

    /// Starts measuring afresh (after the warm-up); an outage under way is measured from here.
    func reset(at time: SimTime) {
        service.reset(at: time)
        quorumState.reset(at: time)
        outages.removeAll()
        electionTimes.removeAll()
        elections = 0
        measureFrom = time
    }

    var serviceUp: Bool {
        guard let leader = established.indices.filter({ established[$0] != nil }).max(by: { established[$0]! < established[$1]! })
        else { return false }
        return hostUp[leader]
    }

    var quorumUp: Bool { hostUp.filter { $0 }.count >= quorum }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        let i = Int(host.index)
        guard i < servers else { return }
        accumulateElection(until: time)
        switch observation {
        case let event as HostEvent:
            let name: String
            switch event {
            case .crashed: hostUp[i] = false; established[i] = nil; name = "crash"
            case .paused: hostUp[i] = false; name = "pause"
            case .restarted: hostUp[i] = true; name = "restart"
            case .resumed: hostUp[i] = true; name = "resume"
            default: return
            }
            timeline?.append(TimelineEntry(time: time, event: name, subject: "zk\(i + 1)"))
        case let zab as ZabObservation:
            switch zab {
            case .established(let epoch):
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
        let up = serviceUp
        service.set(up ? 0 : 1, at: time)
        if !up && outageStart == nil {
            outageStart = time
            electionSoFar = .zero
            timeline?.append(TimelineEntry(time: time, event: "outage_start", subject: "service"))
        } else if up, let start = outageStart {
            let from = max(start, measureFrom)
            if time > measureFrom {
                outages.append((time - from).seconds)
                electionTimes.append(electionSoFar.seconds)
            }
            outageStart = nil
            timeline?.append(TimelineEntry(time: time, event: "outage_end", subject: "service"))
        }
    }
}
