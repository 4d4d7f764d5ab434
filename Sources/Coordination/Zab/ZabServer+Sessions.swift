import Simulation

/// Session tracking, as ZooKeeper's `SessionTrackerImpl` over an `ExpiryQueue`. Only the leader
/// expires sessions; followers relay their clients' touches in the PONG that answers the leader's
/// ping every half tick (`Learner.ping`, `LearnerHandler` → `ZooKeeperServer.touch`).
///
/// A touch puts the session in the bucket `roundToNextInterval(now + timeout)` — the next multiple
/// of tickTime after the timeout — and the tracker expires a whole bucket when its time comes,
/// so a session expires between T and T + tickTime after its last touch on the leader; a client
/// of a follower is touched on the leader up to half a tick later. A new leader tracks every live
/// session afresh with its full timeout when it starts serving (the `SessionTrackerImpl`
/// constructor calls `trackSession`), so a failover postpones expiries rather than causing them.
extension ZabServer {
    /// `ExpiryQueue.roundToNextInterval`: the first multiple of tickTime after `time` on this
    /// server's elapsed-time clock (`Time.currentElapsedTime`, `System.nanoTime` in ms), whose
    /// origin is arbitrary: ``ZabServer/elapsedOrigin`` places the bucket boundaries at a phase
    /// of their own, not at the simulation's multiples of tickTime (where the half-tick pings fall).
    func expiryBucket(after time: SimTime) -> SimTime {
        let tick = config.tickTime.nanoseconds
        let origin = elapsedOrigin.nanoseconds
        return SimTime(nanoseconds: ((time.nanoseconds + origin) / tick + 1) * tick - origin)
    }

    func touchSession(_ session: SessionID, _ context: ProcessContext) {
        switch role {
        case .looking: break
        case .following: followerState.touched.insert(session)
        case .leading:
            guard leaderState.phase == .established, let timeout = leaderState.speculative.sessions[session],
                !leaderState.expiring.contains(session)
            else { return }
            leaderState.sessionDeadlines[session] = expiryBucket(after: context.now + timeout)
        }
    }

    /// Arms the tracker's wake-up at the next bucket boundary (`SessionTrackerImpl.run` sleeps
    /// `ExpiryQueue.getWaitTime()`).
    func armSessionExpiry(_ context: ProcessContext) {
        leaderState.expiryTimer = context.setTimer(after: expiryBucket(after: context.now) - context.now, tag: Tag.sessionExpiry)
    }

    /// The bucket whose time came: proposes closing every session in it, then waits for the next.
    func sessionExpiryDue(_ timer: TimerID, _ context: ProcessContext) {
        guard case .leading(let l) = role, l.phase == .established, l.expiryTimer == timer else { return }
        armSessionExpiry(context)
        expireSessions(context)
    }

    /// Proposes closing every session whose bucket time has come.
    func expireSessions(_ context: ProcessContext) {
        let now = context.now
        let due = leaderState.sessionDeadlines.filter { $0.value <= now }.keys.sorted()
        for session in due where !leaderState.expiring.contains(session) {
            leaderState.expiring.insert(session)
            leaderState.sessionDeadlines[session] = nil
            context.trace("zab.session-expire", "\(session)")
            context.emit(ZabObservation.sessionExpiring(session))
            submit(.closeSession, session: session, cxid: -1, origin: me, context)
            guard case .leading = role else { return }
        }
    }

    /// Leader bookkeeping when a session transaction commits.
    func trackCommittedSession(_ txn: Txn, _ context: ProcessContext) {
        guard case .leading(let l) = role, l.phase == .established else { return }
        switch txn.body {
        case .createSession(let timeout):
            leaderState.sessionDeadlines[txn.session] = expiryBucket(after: context.now + timeout)
        case .closeSession:
            leaderState.sessionDeadlines[txn.session] = nil
            leaderState.expiring.remove(txn.session)
        default: break
        }
    }
}
