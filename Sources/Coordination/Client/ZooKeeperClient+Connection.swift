import Simulation

/// Connection management, as ZooKeeper 3.8's `ClientCnxn.SendThread.run` and `StaticHostProvider`:
/// attempts, pings, loss detection, moving between servers.
extension ZooKeeperClient {
    /// Time allowed for one connect attempt: the session timeout (the negotiated one once known)
    /// divided by the number of servers (`ClientCnxn`: `connectTimeout = sessionTimeout / hostProvider.size()`).
    var connectTimeout: SimDuration { sessionTimeout / Int64(servers.count) }
    /// Silence after which a connection counts as lost: 2/3 of the session timeout (`readTimeout`).
    var readTimeout: SimDuration { sessionTimeout * 2 / 3 }
    /// Send idleness after which a ping goes out: `readTimeout / 2`, less one second once more
    /// than a second has passed, and at the latest after 10 s (`SendThread.run`: `timeToNextPing`
    /// and `MAX_SEND_PING_INTERVAL`). For a 30 s session: every 9 s; for 10 s: every 2.33 s.
    var pingInterval: SimDuration {
        let half = readTimeout / 2
        let second = SimDuration.seconds(1)
        return min(half <= second ? half : max(half - second, second), .seconds(10))
    }

    func attemptConnect(_ context: ProcessContext) {
        let target = servers[serverIndex % servers.count]
        server = target
        isLive = false
        context.closeConnection(to: target)  // a fresh connection, whatever happened to the old one
        let registered = watches.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) }
        context.send(
            ClientMessage.connect(session: sessionID, timeout: sessionTimeout, lastZxidSeen: lastZxidSeen, watches: registered),
            to: target)
        lastSent = context.now
        connection = context.connection(to: target)
        cancel(&connectTimer, context)
        connectTimer = context.setTimer(after: connectTimeout, tag: timerTagBase + Tag.connectTimeout)
    }

    /// Drops the current connection and, while the session lives, schedules the next server.
    ///
    /// The next attempt waits a random 0–1 s once the client has ever been connected
    /// (`startConnect`: `isFirstConnect`), and one more second when the rotation comes back to the
    /// server it last connected to (`StaticHostProvider.next(1000)`).
    func connectionLost(_ reason: String, _ context: ProcessContext) -> [ZooKeeperEvent] {
        context.trace("zk-client.lost", reason)
        if let server { context.closeConnection(to: server) }
        var events = failInFlight(.connectionLoss)
        let wasLive = isLive
        isLive = false
        connection = nil
        cancel(&pingTimer, context)
        cancel(&connectTimer, context)
        if wasLive {
            context.emit(ZooKeeperClientObservation.connection(server: nil))
            state = .disconnected
            events.append(.state(.disconnected))
        }
        serverIndex += 1
        var delay = SimDuration.zero
        if serverIndex % servers.count == lastConnectedIndex { delay = delay + .seconds(1) }
        if hasConnectedBefore { delay = delay + SimDuration(nanoseconds: Int64(context.randomUnit() * 1e9)) }
        cancel(&retryTimer, context)
        retryTimer = context.setTimer(after: delay, tag: timerTagBase + Tag.retry)
        return events
    }

    /// The connection is live: the next check is due when the read timeout would pass or a ping is due.
    func armTransportTimer(_ context: ProcessContext) {
        cancel(&pingTimer, context)
        let due = min(lastHeard + readTimeout, lastSent + pingInterval)
        pingTimer = context.setTimer(after: max(due - context.now, .zero), tag: timerTagBase + Tag.ping)
    }

    func failInFlight(_ error: ZKError) -> [ZooKeeperEvent] {
        let failed = inFlight.map { ZooKeeperEvent.reply($0.id, $0.op, .failure(error)) }
        inFlight = []
        return failed
    }

    func cancel(_ timer: inout TimerID?, _ context: ProcessContext) {
        if let t = timer { context.cancelTimer(t) }
        timer = nil
    }

    /// Feeds a timer to the client; `nil` when it is not one of the client's.
    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) -> [ZooKeeperEvent]? {
        guard tag >= timerTagBase && tag < timerTagBase + 3 else { return nil }
        guard isAlive else { return [] }
        switch tag - timerTagBase {
        case Tag.ping:
            guard timer == pingTimer, isLive, let server else { return [] }
            pingTimer = nil
            if context.now - lastHeard >= readTimeout {
                return completed(connectionLost("no answer within the read timeout", context), context)
            }
            if context.now - lastSent >= pingInterval {
                context.send(ClientMessage.ping, to: server)
                lastSent = context.now
            }
            armTransportTimer(context)
            return []
        case Tag.connectTimeout:
            guard timer == connectTimer, !isLive else { return [] }
            connectTimer = nil
            return completed(connectionLost("connect attempt timed out", context), context)
        default:
            guard timer == retryTimer else { return [] }
            retryTimer = nil
            attemptConnect(context)
            return []
        }
    }

    /// Feeds a closed connection to the client; `nil` when it is not the client's.
    public func connectionClosed(_ closed: ConnectionID, peer: HostID, _ context: ProcessContext) -> [ZooKeeperEvent]? {
        guard servers.contains(peer) else { return nil }
        guard isAlive, closed == connection else { return [] }
        return completed(connectionLost("server closed the connection", context), context)
    }
}
