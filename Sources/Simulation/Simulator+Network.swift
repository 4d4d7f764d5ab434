extension Simulator {
    // MARK: Configuration

    /// Sets the settings of every link that has no override.
    public func setDefaultLinks(_ settings: LinkSettings) { network.defaults = settings }

    /// Overrides the settings of the directed link `from → to`.
    public func setLink(from: HostID, to: HostID, _ settings: LinkSettings) {
        network.setOverride(from, to, settings)
    }

    /// Cuts every link between hosts of different groups, both ways. Hosts in no group keep their links.
    public func partition(_ groups: [[HostID]]) {
        for (i, group) in groups.enumerated() {
            for (j, other) in groups.enumerated() where i != j {
                for a in group { for b in other { cutLink(from: a, to: b) } }
            }
        }
    }

    /// Cuts `from → to` only: `to` still reaches `from` (an asymmetric partition).
    public func cutLink(from: HostID, to: HostID) {
        network.setCut(from, to, true)
        trace.note("cut", at: now, host: from, Int64(to.index), detail: "\(from)→\(to)")
        emit(LinkEvent.cut(to: to), host: from)
    }

    /// Restores `from → to`.
    public func healLink(from: HostID, to: HostID) {
        network.setCut(from, to, false)
        trace.note("heal-link", at: now, host: from, Int64(to.index), detail: "\(from)→\(to)")
        emit(LinkEvent.healed(to: to), host: from)
        resetBrokenConnection(from, to)
    }

    /// Restores every link.
    public func healAll() {
        // The links it restores, in host order, for the observers (the trace keeps its one record).
        let restored = hostIDs.flatMap { a in hostIDs.filter { b in network.isCut(a, b) }.map { (a, $0) } }
        network.healAll()
        trace.note("heal", at: now, host: nil)
        for (a, b) in restored { emit(LinkEvent.healed(to: b), host: a) }
        for (a, b) in restored { resetBrokenConnection(a, b) }  // a pair's second direction finds it reset
    }

    /// A connection that lost data to a partition is reset once the partition no longer separates
    /// its ends: both are told it closed, and the next send opens a new one. Real TCP would
    /// retransmit the lost segments and resume it at its next retransmission (within `TCP_RTO_MAX`,
    /// 120 s) unless an end had given up (Linux `tcp_retries2` = 15: about 924.6 s,
    /// Documentation/networking/ip-sysctl.rst); Nines dropped those messages, so resuming would
    /// break the connection's FIFO without holes, and a reset makes every client reconnect at once
    /// instead of keeping a connection that drops everything until someone closes it.
    private func resetBrokenConnection(_ a: HostID, _ b: HostID) {
        guard !network.isCut(a, b), !network.isCut(b, a) else { return }
        let key = network.pair(a, b)
        let connection = network.connections[key]
        guard connection.broken else { return }
        let old = ConnectionID(low: min(a, b), high: max(a, b), incarnation: connection.incarnation)
        network.connections[key] = .init(incarnation: connection.incarnation &+ 1)
        trace.note("reset", at: now, host: nil, Int64(a.index), Int64(b.index), detail: "\(old) after the heal")
        for (end, peer) in [(a, b), (b, a)] where hosts[Int(end.index)].status != .crashed {
            scheduleCloseNotice(old, to: end, from: peer, delay: sampleLatency(peer, end))
        }
    }

    /// Whether messages from `from` currently reach `to`.
    public func isReachable(from: HostID, to: HostID) -> Bool { !network.isCut(from, to) }

    // MARK: Sending

    func send(_ message: any Message, from: HostID, to: HostID) {
        if armedPauses > 0 { firePauseOnSend(message, from: from, to: to) }
        let key = network.pair(from, to)
        var connection = network.connections[key]
        defer { network.connections[key] = connection }
        let id = ConnectionID(low: min(from, to), high: max(from, to), incarnation: connection.incarnation)
        connection.used = true
        guard !connection.broken else {
            trace.note("drop", at: now, host: from, Int64(to.index), 1, detail: "\(message.kind) on broken \(id)")
            return
        }
        if network.isCut(from, to) {
            connection.broken = true
            trace.note("drop", at: now, host: from, Int64(to.index), 2, detail: "\(message.kind): link cut")
            return
        }
        let (status, crashMode) = hostTable[Int(to.index)]._withUnsafeGuaranteedRef { ($0.status, $0.crashMode) }
        if status == .crashed {
            if crashMode == .host {
                // A machine that is off answers nothing: the message is lost, and the sender
                // learns only from its own timeout.
                trace.note("drop", at: now, host: from, Int64(to.index), 4, detail: "\(message.kind): host down")
                return
            }
            // Connection refused: the sender learns it after a round trip's worth of latency.
            connection.broken = true
            scheduleCloseNotice(id, to: from, from: to, delay: sampleLatency(from, to) + sampleLatency(to, from))
            return
        }
        var arrival = (now + sampleConnectionDelay(from, to)).nanoseconds
        if from < to {
            arrival = max(arrival, connection.lastArrivalUp)
            connection.lastArrivalUp = arrival
        } else {
            arrival = max(arrival, connection.lastArrivalDown)
            connection.lastArrivalDown = arrival
        }
        enqueue(InFlight(message: message, from: from, to: to, connection: id, recipientIncarnation: 0), at: arrival)
    }

    func sendDatagram(_ message: any Message, from: HostID, to: HostID) {
        if armedPauses > 0 { firePauseOnSend(message, from: from, to: to) }
        let id = ConnectionID(low: min(from, to), high: max(from, to), incarnation: 0)
        let settings = network.settings(from, to)
        var copies = 1
        withLinkStream(from, to) { stream in
            if stream.bernoulli(settings.loss) { copies = 0 } else if stream.bernoulli(settings.duplication) { copies = 2 }
        }
        if copies == 0 { trace.note("drop", at: now, host: from, Int64(to.index), 3, detail: "\(message.kind): lost") }
        for _ in 0..<copies {
            let arrival = (now + sampleLatency(from, to)).nanoseconds
            enqueue(InFlight(message: message, from: from, to: to, connection: id, recipientIncarnation: 0), at: arrival)
        }
    }

    /// Closes the connection between two hosts; the peer learns it after one latency, if reachable.
    func closeConnection(from: HostID, to: HostID) {
        let key = network.pair(from, to)
        let connection = network.connections[key]
        let old = ConnectionID(low: min(from, to), high: max(from, to), incarnation: connection.incarnation)
        network.connections[key] = .init(incarnation: connection.incarnation &+ 1)
        trace.note("close", at: now, host: from, Int64(to.index), detail: "\(old)")
        if connection.used && !network.isCut(from, to) && hosts[Int(to.index)].status != .crashed {
            scheduleCloseNotice(old, to: to, from: from, delay: sampleLatency(from, to))
        }
    }

    /// The connection the next send from `from` to `to` will use.
    func currentConnection(_ a: HostID, _ b: HostID) -> ConnectionID {
        let incarnation = network.connections[network.pair(a, b)].incarnation
        return ConnectionID(low: min(a, b), high: max(a, b), incarnation: incarnation)
    }

    private func scheduleCloseNotice(_ connection: ConnectionID, to: HostID, from: HostID, delay: SimDuration) {
        let entry = InFlight(
            message: nil, from: from, to: to, connection: connection,
            recipientIncarnation: hosts[Int(to.index)].incarnation)
        enqueue(entry, at: (now + delay).nanoseconds)
    }

    private func enqueue(_ entry: InFlight, at time: Int64) {
        let slot = inFlight.insert(entry)
        // The recipient rides in `kind`, so a paused host's input is held without touching the slab.
        queue.push(time: time, target: KernelTarget.delivery, kind: UInt32(entry.to.index), payload: Int64(slot))
    }

    // MARK: Delivery

    func deliver(_ event: Event) {
        hostTable[Int(event.kind)]._withUnsafeGuaranteedRef { deliver(event, to: $0) }
    }

    private func deliver(_ event: Event, to record: HostRecord) {
        if record.status == .paused {
            record.heldInputs.append(event)
            return
        }
        let entry = inFlight.remove(Int(event.payload))
        guard record.status == .up else { return }
        let context = ProcessContext(simulator: self, host: entry.to)
        guard let message = entry.message else {
            guard entry.recipientIncarnation == record.incarnation else { return }
            trace.note("closed", at: now, host: entry.to, Int64(entry.from.index), detail: "\(entry.connection)")
            record.process.connectionClosed(entry.connection, peer: entry.from, context)
            return
        }
        if !entry.connection.isDatagram {
            let key = network.pair(entry.from, entry.to)
            let connection = network.connections[key]
            guard connection.incarnation == entry.connection.incarnation, !connection.broken else { return }
            if network.isCut(entry.from, entry.to) {
                network.connections[key].broken = true
                trace.note("drop", at: now, host: entry.to, Int64(entry.from.index), 2, detail: "\(message.kind): link cut")
                return
            }
        } else if network.isCut(entry.from, entry.to) {
            return
        }
        trace.note(
            Trace.receive, at: now, host: entry.to, Int64(entry.from.index),
            Int64(bitPattern: message.kind.hash), detail: "\(message.kind) from \(entry.from)")
        record.process.receive(message, from: entry.from, on: entry.connection, context)
    }

    /// Breaks every connection of a host, telling each peer as a reset would.
    func resetConnections(of host: HostID) {
        for peer in hosts.indices.map(HostID.init) where peer != host {
            let key = network.pair(host, peer)
            let connection = network.connections[key]
            let old = ConnectionID(low: min(host, peer), high: max(host, peer), incarnation: connection.incarnation)
            network.connections[key] = .init(incarnation: connection.incarnation &+ 1)
            if connection.used && !connection.broken && !network.isCut(host, peer)
                && hosts[Int(peer.index)].status != .crashed
            {
                scheduleCloseNotice(old, to: peer, from: host, delay: sampleLatency(host, peer))
            }
        }
    }

    // MARK: Latency

    private func withLinkStream<R>(_ from: HostID, _ to: HostID, _ body: (inout RandomStream) -> R) -> R {
        let key = network.directed(from, to)
        if network.linkStreams[key] == nil {
            network.linkStreams[key] = seed.derive("link", Int(from.index)).derive("to", Int(to.index)).stream
        }
        return body(&network.linkStreams[key]!)
    }

    func sampleLatency(_ from: HostID, _ to: HostID) -> SimDuration {
        let settings = network.settings(from, to)
        return withLinkStream(from, to) { settings.latency.sampleDuration(&$0) }
    }

    /// Latency plus the retransmissions that loss costs on a connection.
    private func sampleConnectionDelay(_ from: HostID, _ to: HostID) -> SimDuration {
        let settings = network.settings(from, to)
        return withLinkStream(from, to) { stream in
            var delay = settings.latency.sampleDuration(&stream)
            var timeout = settings.retransmitTimeout
            var attempts = 0
            while attempts < 16 && stream.bernoulli(settings.loss) {
                delay = delay + timeout
                timeout = timeout * 2
                attempts += 1
            }
            return delay
        }
    }
}
