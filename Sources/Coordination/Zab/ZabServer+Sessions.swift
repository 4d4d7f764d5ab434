import Simulation

/// Session tracking. Only the leader expires sessions; followers relay their clients' pings in
/// PONGs. A new leader gives every live session a full timeout, as ZooKeeper's
/// `SessionTrackerImpl` does, so a failover postpones expiries rather than causing them.
extension ZabServer {
    func touchSession(_ session: SessionID, _ context: ProcessContext) {
        switch role {
        case .looking: break
        case .following: followerState.touched.insert(session)
        case .leading:
            guard leaderState.phase == .established, let timeout = leaderState.speculative.sessions[session],
                !leaderState.expiring.contains(session)
            else { return }
            leaderState.sessionDeadlines[session] = context.now + timeout
        }
    }

    /// Proposes closing every session whose deadline passed.
    func expireSessions(_ context: ProcessContext) {
        let now = context.now
        let due = leaderState.sessionDeadlines.filter { $0.value < now }.keys.sorted()
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
            leaderState.sessionDeadlines[txn.session] = context.now + timeout
        case .closeSession:
            leaderState.sessionDeadlines[txn.session] = nil
            leaderState.expiring.remove(txn.session)
        default: break
        }
    }
}
