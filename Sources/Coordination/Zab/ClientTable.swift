import Simulation

/// A server's view of the clients connected to it, and the watches they set here.
struct ClientTable {
    enum Pending {
        case op(cxid: Int64, Operation)
        case close(cxid: Int64)
    }
    struct Entry {
        var connection: ConnectionID
        /// 0 until the session's creation commits.
        var session: SessionID
        var timeout: SimDuration
        var connectToken: Int64
        /// Requests in arrival order; the head waits for its commit when it is a write.
        var queue: [Pending] = []
        var headForwarded = false
        /// Set while the leader is asked whether a reconnecting session still lives.
        var revalidating: (seen: Zxid, watches: [WatchRegistration])?
    }
    var byHost: [HostID: Entry] = [:]
    var hostBySession: [SessionID: HostID] = [:]
    var nextToken: Int64 = 0
    var dataWatches: [String: Set<SessionID>] = [:]
    var childWatches: [String: Set<SessionID>] = [:]

    mutating func remove(_ host: HostID) {
        guard let entry = byHost.removeValue(forKey: host) else { return }
        guard entry.session != 0 else { return }
        if hostBySession[entry.session] == host { hostBySession[entry.session] = nil }
        for path in dataWatches.keys { dataWatches[path]!.remove(entry.session) }
        for path in childWatches.keys { childWatches[path]!.remove(entry.session) }
    }

    /// Removes and returns, sorted, the sessions a watched event fires for (watches are one-shot).
    mutating func trigger(_ event: WatchedEvent) -> [SessionID] {
        var fired: Set<SessionID> = []
        switch event.kind {
        case .nodeCreated, .nodeDataChanged:
            fired = dataWatches.removeValue(forKey: event.path) ?? []
        case .nodeDeleted:
            fired = (dataWatches.removeValue(forKey: event.path) ?? []).union(childWatches.removeValue(forKey: event.path) ?? [])
        case .nodeChildrenChanged:
            fired = childWatches.removeValue(forKey: event.path) ?? []
        }
        return fired.sorted()
    }
}
