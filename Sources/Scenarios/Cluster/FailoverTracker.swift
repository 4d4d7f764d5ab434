import Coordination
import Scheduler
import Simulation

/// Counts scheduler leaderships and splits each failover of the leader latch into phases, from
/// observations the kernel and the protocols already emit:
///
/// - **detection**: the holder crashes or freezes (``HostEvent``) → the ensemble closes its session
///   and deletes its latch node (``ZabObservation/sessionClosed(_:ephemerals:)``);
/// - **election**: → the next holder acquires the latch (``LatchObservation/acquired(path:participant:token:)``);
/// - **switchover**: → the balancer marks the new holder healthy (``BalancerObservation``) and
///   routes users to it. (Not the first successful probe answer: that adds the wait for the next
///   probe, about half a probe interval on average, which is the probe's, not the system's.)
///
/// A loss is *covered* when another server acquires the latch before the failed one comes back
/// (restarted or resumed), *uncovered* when the failed one comes back first. Losses while no other
/// server is up are double failures, not coverage trials (the CTMC's 1 → 0, not 2 → U), and a loss
/// still open when the run ends is censored: neither is counted.
final class FailoverTracker: Observer {
    /// One lost holder, followed until the service is back.
    private struct Loss {
        var host: HostID
        /// The holder's latch node name, up to its sequence number.
        var nodePrefix: String
        var lostAt: SimTime
        var detectedAt: SimTime?
        var acquiredAt: SimTime?
        var acquiredBy: HostID?
        /// Whether the loss began while measuring (after the warm-up).
        var measured: Bool
    }

    private(set) var leaderships = 0
    private(set) var phases = FailoverPhases()
    /// Covered failovers, leader lost → serving, in seconds.
    private(set) var failovers: [Double] = []
    private let candidates: [HostID]
    private var down: [HostID] = []
    /// Backends the balancer currently routes to.
    private var healthy: [HostID] = []
    private var measuring = false
    private var holder: (host: HostID, nodePrefix: String)?
    private var loss: Loss?

    /// - Parameter candidates: the latch participants (the scheduler servers).
    init(candidates: [HostID]) { self.candidates = candidates }

    /// Starts measuring (after the warm-up); a failover under way is not counted.
    func startMeasuring() {
        measuring = true
        leaderships = 0
        phases = FailoverPhases()
        failovers = []
        loss = nil
    }

    var observedTypes: [any Observation.Type]? {
        [LatchObservation.self, HostEvent.self, ZabObservation.self, BalancerObservation.self]
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let latch as LatchObservation:
            switch latch {
            case .acquired(let path, let participant, _) where path.hasSuffix("/leader"):
                acquired(by: host, nodePrefix: path + "/latch-\(participant)-", at: time)
            case .released(let path, _, _) where path.hasSuffix("/leader") && host == holder?.host:
                // Let go because ZooKeeper became unreachable: that outage is the quorum's, which
                // the models count already; only a holder's own death starts a failover.
                holder = nil
                if loss?.acquiredAt != nil { loss = nil }
            default: break
            }
        case let event as HostEvent:
            hostChanged(host, event, at: time)
        case ZabObservation.sessionClosed(_, let ephemerals):
            guard var open = loss, open.detectedAt == nil, ephemerals.contains(where: { $0.hasPrefix(open.nodePrefix) })
            else { return }
            open.detectedAt = time
            if open.measured { phases.detectionSeconds.append((time - open.lostAt).seconds) }
            loss = open
        case let balancer as BalancerObservation:
            healthy.removeAll { $0 == balancer.backend }
            if balancer.healthy {
                healthy.append(balancer.backend)
                if let open = loss, open.acquiredBy == balancer.backend { served(open, at: time) }
            }
        default: break
        }
    }

    /// The new holder is reachable through the balancer: the failover is over.
    private func served(_ open: Loss, at time: SimTime) {
        if open.measured, let acquiredAt = open.acquiredAt {
            phases.switchoverSeconds.append((time - acquiredAt).seconds)
            failovers.append((time - open.lostAt).seconds)
        }
        loss = nil
    }

    private func acquired(by host: HostID, nodePrefix: String, at time: SimTime) {
        if measuring { leaderships += 1 }
        holder = (host, nodePrefix)
        guard var open = loss else { return }
        guard open.acquiredAt == nil, host != open.host else {
            loss = nil  // leadership moved again before anyone was served: no clean sample
            return
        }
        open.acquiredAt = time
        open.acquiredBy = host
        if open.measured {
            phases.covered += 1
            if let detected = open.detectedAt { phases.electionSeconds.append((time - detected).seconds) }
        }
        loss = open
        if healthy.contains(host) { served(open, at: time) }
    }

    private func hostChanged(_ host: HostID, _ event: HostEvent, at time: SimTime) {
        switch event {
        case .crashed, .paused:
            if !down.contains(host) { down.append(host) }
            guard let current = holder, current.host == host else { return }
            holder = nil
            // A new holder lost before it served replaces the open loss, which has no clean sample.
            let standbyUp = candidates.contains { $0 != host && isUp($0) }
            loss = standbyUp
                ? Loss(host: host, nodePrefix: current.nodePrefix, lostAt: time, measured: measuring) : nil
        case .restarted, .resumed:
            down.removeAll { $0 == host }
            guard let open = loss, open.host == host, open.acquiredAt == nil else { return }
            if open.measured { phases.uncovered += 1 }
            loss = nil
        default: break
        }
    }

    private func isUp(_ host: HostID) -> Bool { !down.contains(host) }

    /// A live holder and no failover open: part of the settled state of a rare-event cycle (that
    /// the balancer routes to it is the probe's latest answer; the balancer's health list here
    /// is not rebuilt when the balancer itself restarts, so it cannot say so).
    var isServing: Bool {
        guard let current = holder, loss == nil else { return false }
        return isUp(current.host)
    }

    /// The host holding the latch, if any.
    var holderHost: HostID? { holder?.host }

    /// The phase of the failover under way, if one is.
    var openStage: FailoverStage? {
        guard let open = loss else { return nil }
        return open.detectedAt == nil ? .detection : open.acquiredAt == nil ? .election : .switchover
    }

    /// Whether the balancer's health checks still pass a scheduler that is down (it routes
    /// requests there until `fall` checks fail).
    var routesToDownScheduler: Bool { healthy.contains { down.contains($0) } }
}
