import Simulation

/// Availability metrics of an ensemble, gathered from observations as the run goes:
/// elections and their durations, time without an established leader, time with fewer than a
/// quorum of servers up, session expiries, and client request latencies.
///
/// An election's duration runs from the moment the ensemble lost its established leader (the
/// leader crashed, paused or stepped down) — or from the start of the run — to the next
/// establishment. Not thread-safe.
public final class ZabMetrics: Observer {
    public let servers: [HostID]
    public let quorumSize: Int
    /// Durations of the elections that ended in an established leader.
    public private(set) var electionDurations: [SimDuration] = []
    public private(set) var sessionExpiries = 0
    /// Latencies of completed client requests (success or failure), reads and writes apart.
    public private(set) var readLatencies: [SimDuration] = []
    public private(set) var writeLatencies: [SimDuration] = []

    private var leader: HostID?
    private var leaderlessSince: SimTime? = .zero
    private var leaderlessTotal: SimDuration = .zero
    private var up: Set<HostID>
    private var quorumlessSince: SimTime?
    private var quorumlessTotal: SimDuration = .zero

    public init(servers: [HostID]) {
        self.servers = servers
        quorumSize = servers.count / 2 + 1
        up = Set(servers)
    }

    public var electionCount: Int { electionDurations.count }

    /// Time without an established leader, up to `now`.
    public func timeWithoutLeader(at now: SimTime) -> SimDuration {
        leaderlessTotal + (leaderlessSince.map { now - $0 } ?? .zero)
    }

    /// Time with fewer than a quorum of servers up, up to `now`.
    public func timeWithoutQuorum(at now: SimTime) -> SimDuration {
        quorumlessTotal + (quorumlessSince.map { now - $0 } ?? .zero)
    }

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let event as HostEvent: hostEvent(event, host, time)
        case ZabObservation.established: leaderEstablished(host, time)
        case ZabObservation.steppedDown: if host == leader { leaderLost(time) }
        case ZabObservation.sessionExpiring: sessionExpiries += 1
        case ZooKeeperClientObservation.completed(_, let op, _, let latency, _):
            if op.isWrite { writeLatencies.append(latency) } else { readLatencies.append(latency) }
        default: break
        }
    }

    private func hostEvent(_ event: HostEvent, _ host: HostID, _ time: SimTime) {
        guard servers.contains(host) else { return }
        switch event {
        case .crashed, .paused:
            if host == leader { leaderLost(time) }
            up.remove(host)
        case .restarted, .resumed:
            up.insert(host)
        default: break
        }
        if up.count < quorumSize, quorumlessSince == nil { quorumlessSince = time }
        if up.count >= quorumSize, let since = quorumlessSince {
            quorumlessTotal = quorumlessTotal + (time - since)
            quorumlessSince = nil
        }
    }

    private func leaderEstablished(_ host: HostID, _ time: SimTime) {
        if let since = leaderlessSince {
            electionDurations.append(time - since)
            leaderlessTotal = leaderlessTotal + (time - since)
            leaderlessSince = nil
        }
        leader = host
    }

    private func leaderLost(_ time: SimTime) {
        leader = nil
        if leaderlessSince == nil { leaderlessSince = time }
    }
}
