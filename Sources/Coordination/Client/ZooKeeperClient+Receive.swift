import Simulation

/// Handling the server's messages.
extension ZooKeeperClient {
    /// Feeds a message to the client; `nil` when it is not a ZooKeeper message for it.
    public func receive(_ message: any Message, from peer: HostID, on arrived: ConnectionID, _ context: ProcessContext) -> [ZooKeeperEvent]? {
        guard let message = message as? ClientMessage, servers.contains(peer) else { return nil }
        return completed(handle(message, from: peer, on: arrived, context), context)
    }

    private func handle(_ message: ClientMessage, from peer: HostID, on arrived: ConnectionID, _ context: ProcessContext) -> [ZooKeeperEvent] {
        guard isAlive, peer == server, arrived == connection else { return [] }
        lastHeard = context.now
        switch message {
        case .connected(let session, let timeout): return connected(session, timeout, context)
        case .expired: return expired(context)
        case .response(let cxid, let zxid, let result): return response(cxid, zxid, result, context)
        case .watch(let event):
            watches = watches.filter { !fires($0, event) }
            return [.watch(event)]
        case .pong: return []
        default: return []
        }
    }

    private func connected(_ session: SessionID, _ timeout: SimDuration, _ context: ProcessContext) -> [ZooKeeperEvent] {
        precondition(sessionID == 0 || sessionID == session, "a server answered with another session")
        sessionID = session
        sessionTimeout = timeout
        isLive = true
        cancel(&connectTimer, context)
        hasConnectedBefore = true
        lastConnectedIndex = serverIndex % servers.count
        armTransportTimer(context)
        state = .connected
        context.emit(ZooKeeperClientObservation.connection(server: server))
        context.trace("zk-client.connected", "session \(session) via \(server.map(String.init(describing:)) ?? "-")")
        if closeRequested, let server { context.send(ClientMessage.close(cxid: nextCxid + 1), to: server) }
        let pending = queued
        queued = []
        for (id, op) in pending { send(id, op, context) }
        return [.state(.connected)]
    }

    private func expired(_ context: ProcessContext) -> [ZooKeeperEvent] {
        context.trace("zk-client.expired", "session \(sessionID)")
        state = .expired
        if isLive { context.emit(ZooKeeperClientObservation.connection(server: nil)) }
        isLive = false
        if let server { context.closeConnection(to: server) }
        cancel(&pingTimer, context)
        cancel(&connectTimer, context)
        cancel(&retryTimer, context)
        var events = failInFlight(.sessionExpired)
        events += queued.map { .reply($0.id, $0.op, .failure(.sessionExpired)) }
        queued = []
        watches = []
        events.append(.state(.expired))
        return events
    }

    private func response(_ cxid: Int64, _ zxid: Zxid, _ result: Result<Reply, ZKError>, _ context: ProcessContext) -> [ZooKeeperEvent] {
        lastZxidSeen = max(lastZxidSeen, zxid)
        if closeRequested && cxid == nextCxid + 1 {
            state = .closed
            if isLive { context.emit(ZooKeeperClientObservation.connection(server: nil)) }
            isLive = false
            if let server { context.closeConnection(to: server) }
            cancel(&pingTimer, context)
            return failInFlight(.sessionExpired) + [.state(.closed)]
        }
        guard let first = inFlight.first, first.cxid == cxid else {
            preconditionFailure("answer to \(cxid) out of order (expected \(inFlight.first?.cxid ?? -1))")
        }
        inFlight.removeFirst()
        registerWatch(first.op, result)
        return [.reply(first.id, first.op, result)]
    }

    private func registerWatch(_ op: Operation, _ result: Result<Reply, ZKError>) {
        switch (op, result) {
        case (.getData(let path, true), .success): watches.insert(WatchRegistration(path: path, kind: .data))
        case (.exists(let path, true), .success(.exists(let stat))):
            watches.insert(WatchRegistration(path: path, kind: stat == nil ? .exists : .data))
        case (.getChildren(let path, true), .success): watches.insert(WatchRegistration(path: path, kind: .children))
        default: break
        }
    }

    private func fires(_ watch: WatchRegistration, _ event: WatchedEvent) -> Bool {
        guard watch.path == event.path else { return false }
        switch event.kind {
        case .nodeCreated, .nodeDataChanged: return watch.kind != .children
        case .nodeDeleted: return true
        case .nodeChildrenChanged: return watch.kind == .children
        }
    }
}
