import Coordination
import Simulation

/// The second route to LOST: a disconnection (SUSPENDED) that lasts, timed as the Curator version does.
extension ZooKeeperCoordination {
    /// Starts timing a disconnection. Curator posts SUSPENDED (and starts its sync) only from a
    /// connected state (`ConnectionStateManager.setToSuspended`), so a second Disconnected while
    /// suspended changes nothing.
    func suspend(_ context: ProcessContext) {
        guard suspension == nil else { return }
        switch connectionLoss {
        case .sessionTimeout:
            // `ConnectionStateManager.getUseSessionTimeoutMs`: the negotiated timeout once there was one.
            let timer = context.setTimer(after: client.sessionTimeout, tag: timerTagBase + Self.connectionLossTag)
            suspension = (timer, nil)
        case .retryPolicy(let connectionTimeout, let maxRetries, let baseSleep):
            var sync = CuratorSuspendedSync(
                suspendedAt: context.now, connectionTimeout: connectionTimeout, sessionTimeout: sessionTimeout,
                maxRetries: maxRetries, baseSleep: baseSleep)
            let first = sync.attempt(at: context.now, draw: { _ in preconditionFailure("no retry at the first run") })
            guard case .retry(let at, reset: false) = first else { preconditionFailure("the first run only waits") }
            suspension = (context.setTimer(after: at - context.now, tag: timerTagBase + Self.connectionLossTag), sync)
        }
    }

    /// The connection is back (the sync succeeds) or the session is gone anyway: stop timing.
    func endSuspension(_ context: ProcessContext) {
        if let timer = suspension?.timer { context.cancelTimer(timer) }
        suspension = nil
    }

    func suspensionTimerFired(_ timer: TimerID, _ context: ProcessContext) -> [CoordinationEvent] {
        guard let current = suspension, current.timer == timer else { return [] }
        guard var sync = current.sync else {
            // Curator ≥ 3.0 injects a session expiration: LOST, and the handle gets a new session.
            context.trace("zk-adapter.lost", "suspended for the session timeout")
            return [.sessionLost] + renewSession(context)
        }
        switch sync.attempt(at: context.now, draw: { bound in context.random { $0.nextInt(below: bound) } }) {
        case .retry(let at, let reset):
            suspension = (context.setTimer(after: at - context.now, tag: timerTagBase + Self.connectionLossTag), sync)
            guard reset else { return [] }
            // `ConnectionState.reset`: a new handle and session; its connect is RECONNECTED, not LOST.
            context.trace("zk-adapter.reset", "disconnected past max(session, connection timeout); new handle")
            return openSession(context)
        case .lost:
            context.trace("zk-adapter.lost", "the suspended connection's sync ran out of retries")
            return [.sessionLost] + renewSession(context)
        }
    }
}
