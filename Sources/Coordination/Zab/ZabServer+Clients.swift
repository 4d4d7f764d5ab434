import Simulation

/// Serving clients: sessions' requests in order, reads from the local tree, writes through the
/// leader, and one-shot watches fired as committed transactions apply — so a watch event always
/// reaches the client before the answer to any request that follows the change.
extension ZabServer {
    func handleClient(_ message: ClientMessage, from client: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if case .connect(let session, let timeout, let seen, let watches) = message {
            connect(client, on: connection, session: session, timeout: timeout, seen: seen, watches: watches, context)
            return
        }
        guard isServing, let entry = clients.byHost[client], entry.connection == connection, entry.session != 0,
            entry.revalidating == nil
        else {
            context.closeConnection(to: client)
            return
        }
        touchSession(entry.session, context)
        switch message {
        case .ping: sendToClient(.pong, client, context)
        case .request(let cxid, let op):
            clients.byHost[client]!.queue.append(.op(cxid: cxid, op))
            pump(client, context)
        case .close(let cxid):
            clients.byHost[client]!.queue.append(.close(cxid: cxid))
            pump(client, context)
        default: context.trace("zab.unexpected", "\(message.kind) from client \(client)")
        }
    }

    private func connect(
        _ client: HostID, on connection: ConnectionID, session: SessionID, timeout: SimDuration, seen: Zxid,
        watches: [WatchRegistration], _ context: ProcessContext
    ) {
        clients.remove(client)
        guard isServing, seen <= tree.lastZxid else {
            context.closeConnection(to: client)  // not serving, or behind what the client saw: try another
            return
        }
        if session == 0 {
            clients.nextToken += 1
            let negotiated = config.negotiate(sessionTimeout: timeout)
            clients.byHost[client] = .init(connection: connection, session: 0, timeout: negotiated, connectToken: clients.nextToken)
            forward(.createSession(timeout: negotiated, token: clients.nextToken), session: 0, cxid: clients.nextToken, context)
            return
        }
        guard let negotiated = tree.sessions[session] else {
            context.send(ClientMessage.expired, to: client)  // the client closes; closing here would drop the notice
            return
        }
        clients.nextToken += 1
        clients.byHost[client] = .init(
            connection: connection, session: session, timeout: negotiated, connectToken: clients.nextToken,
            revalidating: (seen, watches))
        switch role {
        case .looking: preconditionFailure("a LOOKING server serves no client")
        case .following:
            sendToLeader(.revalidate(session: session, token: clients.nextToken), context)
        case .leading:
            revalidated(session, token: clients.nextToken, valid: isLive(session), context)
        }
    }

    /// Whether the leader still counts the session live (not closed, not being expired).
    func isLive(_ session: SessionID) -> Bool {
        guard case .leading(let l) = role, l.phase == .established else { return false }
        return l.speculative.sessions[session] != nil && !l.expiring.contains(session)
    }

    /// Finishes a reconnect once the leader vouched for the session. A follower's own tree may lag
    /// behind the session's expiry; accepting on its word would let an expired client act again
    /// (and a latch holder re-acquire with its old token), so ZooKeeper asks the leader too.
    func revalidated(_ session: SessionID, token: Int64, valid: Bool, _ context: ProcessContext) {
        guard
            let client = clients.byHost.first(where: { $0.value.connectToken == token && $0.value.session == session })?.key,
            let pending = clients.byHost[client]!.revalidating
        else { return }
        guard valid else {
            sendToClient(.expired, client, context)
            clients.remove(client)
            return
        }
        clients.byHost[client]!.revalidating = nil
        if let old = clients.hostBySession[session], old != client { clients.remove(old) }
        clients.hostBySession[session] = client
        touchSession(session, context)
        sendToClient(.connected(session: session, timeout: clients.byHost[client]!.timeout), client, context)
        rearm(pending.watches, for: session, relativeTo: pending.seen, client: client, context)
    }

    /// ZooKeeper's SetWatches: fire at once what changed since the client's last seen zxid, re-arm the rest.
    private func rearm(_ watches: [WatchRegistration], for session: SessionID, relativeTo seen: Zxid, client: HostID, _ context: ProcessContext) {
        for watch in watches {
            let node = tree.node(watch.path)
            var fired: WatchedEvent.Kind?
            switch watch.kind {
            case .data: fired = node == nil ? .nodeDeleted : (node!.stat.mzxid > seen ? .nodeDataChanged : nil)
            case .exists: fired = node != nil ? .nodeCreated : nil
            case .children: fired = node == nil ? .nodeDeleted : (node!.stat.pzxid > seen ? .nodeChildrenChanged : nil)
            }
            if let kind = fired {
                sendToClient(.watch(WatchedEvent(kind: kind, path: watch.path)), client, context)
            } else if watch.kind == .children {
                clients.childWatches[watch.path, default: []].insert(session)
            } else {
                clients.dataWatches[watch.path, default: []].insert(session)
            }
        }
    }

    /// Answers the client's queued requests in order: reads at once, a write once it commits.
    private func pump(_ client: HostID, _ context: ProcessContext) {
        while let entry = clients.byHost[client], let head = entry.queue.first {
            switch head {
            case .op(let cxid, let op) where !op.isWrite:
                clients.byHost[client]!.queue.removeFirst()
                let result = tree.read(op)
                registerWatch(op, result, session: entry.session)
                sendToClient(.response(cxid: cxid, zxid: tree.lastZxid, result), client, context)
                context.emit(ZabObservation.answered(isWrite: false))
            case .op(let cxid, let op):
                guard !entry.headForwarded else { return }
                clients.byHost[client]!.headForwarded = true
                forward(.write(op), session: entry.session, cxid: cxid, context)
                return
            case .close(let cxid):
                guard !entry.headForwarded else { return }
                clients.byHost[client]!.headForwarded = true
                forward(.closeSession, session: entry.session, cxid: cxid, context)
                return
            }
        }
    }

    private func registerWatch(_ op: Operation, _ result: Result<Reply, ZKError>, session: SessionID) {
        switch (op, result) {
        case (.getData(let path, true), .success): clients.dataWatches[path, default: []].insert(session)
        case (.exists(let path, true), _): clients.dataWatches[path, default: []].insert(session)
        case (.getChildren(let path, true), .success): clients.childWatches[path, default: []].insert(session)
        default: break
        }
    }

    /// Sends a write to the leader, or proposes it when this server leads.
    private func forward(_ request: ForwardedRequest, session: SessionID, cxid: Int64, _ context: ProcessContext) {
        switch role {
        case .looking: preconditionFailure("a LOOKING server serves no client")
        case .following: sendToLeader(.request(session: session, cxid: cxid, request), context)
        case .leading: submit(request, session: session, cxid: cxid, origin: me, context)
        }
    }

    /// Runs for every committed transaction this server applies: fire watches, answer the asker.
    func committed(_ txn: Txn, _ outcome: ApplyOutcome, _ context: ProcessContext) {
        for event in outcome.events {
            for session in clients.trigger(event) {
                if let host = clients.hostBySession[session] { sendToClient(.watch(event), host, context) }
            }
        }
        trackCommittedSession(txn, context)
        if case .closeSession = txn.body {
            context.emit(ZabObservation.sessionClosed(txn.session, ephemerals: outcome.deletedEphemerals))
        }
        guard txn.origin == me else {
            if case .closeSession = txn.body, let host = clients.hostBySession[txn.session] {
                sendToClient(.expired, host, context)
                clients.remove(host)
            }
            return
        }
        answer(txn, outcome, context)
    }

    private func answer(_ txn: Txn, _ outcome: ApplyOutcome, _ context: ProcessContext) {
        if case .createSession(let timeout) = txn.body {
            guard let host = clients.byHost.first(where: { $0.value.session == 0 && $0.value.connectToken == txn.cxid })?.key
            else { return }
            clients.byHost[host]!.session = txn.session
            clients.hostBySession[txn.session] = host
            sendToClient(.connected(session: txn.session, timeout: timeout), host, context)
            return
        }
        guard let host = clients.hostBySession[txn.session], let entry = clients.byHost[host] else { return }
        let isClose: Bool
        switch entry.queue.first {
        case .op(let cxid, _)? where cxid == txn.cxid && entry.headForwarded: isClose = false
        case .close(let cxid)? where cxid == txn.cxid && entry.headForwarded: isClose = true
        default:
            if case .closeSession = txn.body {  // expired by the leader while this server held the client
                sendToClient(.expired, host, context)
                clients.remove(host)
            }
            return
        }
        clients.byHost[host]!.queue.removeFirst()
        clients.byHost[host]!.headForwarded = false
        sendToClient(.response(cxid: txn.cxid, zxid: tree.lastZxid, outcome.reply), host, context)
        context.emit(ZabObservation.answered(isWrite: true))
        if isClose {
            clients.remove(host)
        } else {
            pump(host, context)
        }
    }

    func clientConnectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if clients.byHost[peer]?.connection == connection { clients.remove(peer) }
    }

    /// Drops every client: a server that stops serving closes their connections, and they move on.
    func stopServing(_ context: ProcessContext) {
        isServing = false
        for host in clients.byHost.keys.sorted() { context.closeConnection(to: host) }
        let token = clients.nextToken
        clients = ClientTable()
        clients.nextToken = token
    }
}
