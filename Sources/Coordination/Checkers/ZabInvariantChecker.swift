import Simulation

/// Checks Zab's safety properties on every observation, while the run goes on:
///
/// - `one-leader-per-epoch`: at most one server establishes each epoch;
/// - `committed-prefix`: every server applies the same transaction at each log position, also
///   after crashes and restarts (nothing committed is lost or reordered). Positions every
///   server has moved past (each one's oldest snapshot is later, ``ZabObservation/historyFloor(_:)``)
///   are forgotten, so the history kept is bounded; applying a forgotten position again is
///   itself a violation (no server holds it any more, so it cannot be the same transaction);
/// - `zxid-order`: committed zxids strictly increase, and each server proposes increasing zxids;
/// - `ephemeral-bound`: once a stable leader decides a session expired, its close (and with it
///   the ephemerals' deletion) commits within `expiryBound`.
///
/// Not thread-safe; one per simulation.
public final class ZabInvariantChecker: Observer {
    public private(set) var violations: [InvariantViolation] = []
    /// How long an expiry decided by a leader that keeps leading may take to apply.
    public var expiryBound: SimDuration

    /// The leader of each established epoch.
    public private(set) var leaderOfEpoch: [Int64: HostID] = [:]
    /// The committed history from position ``forgotten`` on, as first applied anywhere.
    public private(set) var committed: [(zxid: Zxid, fingerprint: UInt64)] = []
    /// How many positions of the committed history were forgotten (the position of `committed[0]`).
    public private(set) var forgotten = 0
    /// The last committed zxid, kept when its position is forgotten.
    private var lastCommitted = Zxid.zero
    /// Each server's lowest position it could apply again.
    private var floors: [HostID: Int] = [:]
    private var lastProposed: [HostID: Zxid] = [:]
    private var currentLeader: HostID?
    private var pausedLeader: HostID?
    private var lastEstablishment: (host: HostID, time: SimTime)?
    private var pendingExpiries: [SessionID: (decider: HostID, deadline: SimTime)] = [:]

    public init(expiryBound: SimDuration = .seconds(10)) { self.expiryBound = expiryBound }

    public var isClean: Bool { violations.isEmpty }

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        // The most frequent observation, compared by type before any cast.
        if type(of: observation) == ZabApplied.self {
            check(observation as! ZabApplied, host: host, at: time)
            checkExpiries(at: time)
            return
        }
        if let event = observation as? HostEvent {
            if event == .crashed || event == .paused, host == currentLeader {
                currentLeader = nil
                pausedLeader = event == .paused ? host : nil
            } else if event == .resumed, host == pausedLeader, currentLeader == nil {
                currentLeader = host  // woke up still leading; it steps down by itself if it lost its quorum
                pausedLeader = nil
            }
        }
        if let zab = observation as? ZabObservation { check(zab, host: host, at: time) }
        checkExpiries(at: time)
    }

    private func check(_ applied: ZabApplied, host: HostID, at time: SimTime) {
        let (index, zxid, fingerprint) = (applied.index, applied.zxid, applied.fingerprint)
        let known = forgotten + committed.count
        if index < forgotten {
            report("committed-prefix", "position \(index) applied again after every server moved past it", host, time)
        } else if index < known {
            let entry = committed[index - forgotten]
            if entry.zxid != zxid || entry.fingerprint != fingerprint {
                report("committed-prefix", "position \(index): \(zxid) here, \(entry.zxid) elsewhere", host, time)
            }
        } else if index == known {
            if known > 0, zxid <= lastCommitted {
                report("zxid-order", "committed \(zxid) after \(lastCommitted)", host, time)
            }
            committed.append((zxid, fingerprint))
            lastCommitted = zxid
        } else {
            report("committed-prefix", "applied position \(index) past the known \(known)", host, time)
        }
    }

    private func check(_ observation: ZabObservation, host: HostID, at time: SimTime) {
        switch observation {
        case .established(let epoch):
            if let other = leaderOfEpoch[epoch], other != host {
                report("one-leader-per-epoch", "epoch \(epoch) established by \(other) and \(host)", host, time)
            }
            leaderOfEpoch[epoch] = host
            currentLeader = host
            pausedLeader = nil
            lastEstablishment = (host, time)
            pendingExpiries = [:]  // the new leader re-tracks every session with a full timeout
        case .steppedDown:
            if currentLeader == host { currentLeader = nil }
            if pausedLeader == host { pausedLeader = nil }
        case .historyFloor(let position):
            floors[host] = position
            forget(below: floors.values.min()!)
        case .proposed(let zxid):
            if let last = lastProposed[host], zxid <= last {
                report("zxid-order", "proposed \(zxid) after \(last)", host, time)
            }
            lastProposed[host] = zxid
        case .sessionExpiring(let session):
            pendingExpiries[session] = (host, time + expiryBound)
        case .sessionClosed(let session, _):
            pendingExpiries[session] = nil
        case .state, .truncated, .answered:
            break
        }
    }

    /// Drops the positions below `floor`, in chunks so the cost per observation stays constant.
    private func forget(below floor: Int) {
        let drop = min(floor, forgotten + committed.count) - forgotten
        guard drop > 0, drop >= committed.count / 2 else { return }
        committed.removeFirst(drop)
        forgotten += drop
    }

    private func checkExpiries(at time: SimTime) {
        for session in pendingExpiries.keys.sorted() {
            let pending = pendingExpiries[session]!
            guard pending.decider == currentLeader else {
                pendingExpiries[session] = nil
                continue
            }
            if time > pending.deadline {
                report("ephemeral-bound", "session \(session) expired but not closed within \(expiryBound)", pending.decider, time)
                pendingExpiries[session] = nil
            }
        }
    }

    /// Liveness: after the last fault healed at `healedAt`, some leader must have established an
    /// epoch within `bound`. Call once the run has gone past `healedAt + bound`.
    public func checkLeaderAfterHeal(healedAt: SimTime, bound: SimDuration, now: SimTime) {
        guard now >= healedAt + bound else { return }
        if let last = lastEstablishment, last.time >= healedAt, last.time <= healedAt + bound { return }
        if let leader = currentLeader, let last = lastEstablishment, last.host == leader { return }  // survived the faults
        report("leader-after-heal", "no leader established within \(bound) of the heal at \(healedAt)", HostID(-1), now)
    }

    private func report(_ name: String, _ message: String, _ host: HostID, _ time: SimTime) {
        violations.append(InvariantViolation(name: name, message: message, time: time, host: host))
    }
}
