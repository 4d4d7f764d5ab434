import Simulation

/// Connection management: attempts, pings, loss detection, moving between servers.
extension ZooKeeperClient {
    /// Time allowed for one connect attempt (ZooKeeper: session timeout / number of servers).
    var connectTimeout: SimDuration { max(sessionTimeout / Int64(servers.count), .milliseconds(500)) }
    /// Silence after which the connection counts as lost (ZooKeeper: 2/3 of the session timeout).
    var readTimeout: SimDuration { sessionTimeout * 2 / 3 }

    func attemptConnect(_ context: ProcessContext) {
        let target = servers[serverIndex % servers.count]
        server = target
        isLive = false
        context.closeConnection(to: target)  // a fresh connection, whatever happened to the old one
        let registered = watches.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) }
        context.send(
            ClientMessage.connect(session: sessionID, timeout: sessionTimeout, lastZxidSeen: lastZxidSeen, watches: registered),
            to: target)
        connection = context.connection(to: target)
        cancel(&connectTimer, context)
        connectTimer = context.setTimer(after: connectTimeout, tag: timerTagBase + Tag.connectTimeout)
    }

    /// Drops the current connection and, while the session lives, schedules the next server.
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
            state = .disconnected
            events.append(.state(.disconnected))
        }
        serverIndex += 1
        let delay = SimDuration(nanoseconds: Int64(context.randomUnit() * 1e9))
        cancel(&retryTimer, context)
        retryTimer = context.setTimer(after: wasLive ? .zero : delay, tag: timerTagBase + Tag.retry)
        return events
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
            if context.now - lastHeard > readTimeout {
                return completed(connectionLost("no answer within the read timeout", context), context)
            }
            context.send(ClientMessage.ping, to: server)
            pingTimer = context.setTimer(after: sessionTimeout / 3, tag: timerTagBase + Tag.ping)
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
