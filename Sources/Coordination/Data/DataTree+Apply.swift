/// What applying one transaction did: the answer for the client that asked, and the watch events it fires.
public struct ApplyOutcome: Sendable {
    public var reply: Result<Reply, ZKError>
    public var events: [WatchedEvent] = []
    /// Ephemeral paths deleted by a `closeSession`, sorted.
    public var deletedEphemerals: [String] = []
}

extension DataTree {
    /// Applies a committed (or, on the leader's speculative copy, proposed) transaction.
    @discardableResult
    public mutating func apply(_ txn: Txn) -> ApplyOutcome {
        precondition(txn.zxid > lastZxid, "transactions apply in zxid order: \(txn.zxid) after \(lastZxid)")
        lastZxid = txn.zxid
        switch txn.body {
        case .createSession(let timeout):
            sessions[txn.session] = timeout
            return ApplyOutcome(reply: .success(.deleted))
        case .closeSession:
            return closeSession(txn.session, zxid: txn.zxid)
        case .create(let path, let data, let owner):
            return create(path, data: data, owner: owner, zxid: txn.zxid)
        case .delete(let path):
            return ApplyOutcome(reply: .success(.deleted), events: delete(path, zxid: txn.zxid))
        case .setData(let path, let data):
            guard var node = nodes[path] else { preconditionFailure("validated setData on a missing node \(path)") }
            node.data = data
            node.stat.version += 1
            node.stat.mzxid = txn.zxid
            nodes[path] = node
            return ApplyOutcome(reply: .success(.set(node.stat)), events: [WatchedEvent(kind: .nodeDataChanged, path: path)])
        case .error(let error):
            return ApplyOutcome(reply: .failure(error))
        }
    }

    private mutating func create(_ path: String, data: String, owner: SessionID, zxid: Zxid) -> ApplyOutcome {
        let parentPath = ZPath.parent(of: path)
        guard nodes[parentPath] != nil, nodes[path] == nil else {
            preconditionFailure("validated create of \(path) no longer applies")
        }
        let stat = Stat(czxid: zxid, mzxid: zxid, pzxid: zxid, ephemeralOwner: owner)
        nodes[path] = Znode(data: data, stat: stat)
        // In place: a copy of the parent would copy its whole set of children on every create,
        // quadratic for a parent of sequential nodes.
        nodes[parentPath]!.childChanged(ZPath.name(of: path), added: true, zxid: zxid)
        if owner != 0 { ephemerals[owner, default: []].insert(path) }
        return ApplyOutcome(
            reply: .success(.created(path: path, stat: stat)),
            events: [WatchedEvent(kind: .nodeCreated, path: path), WatchedEvent(kind: .nodeChildrenChanged, path: parentPath)])
    }

    private mutating func delete(_ path: String, zxid: Zxid) -> [WatchedEvent] {
        guard let node = nodes.removeValue(forKey: path) else { preconditionFailure("validated delete of missing \(path)") }
        precondition(node.children.isEmpty, "deleting \(path) with children")
        let parentPath = ZPath.parent(of: path)
        if nodes[parentPath] != nil { nodes[parentPath]!.childChanged(ZPath.name(of: path), added: false, zxid: zxid) }
        if node.stat.ephemeralOwner != 0 {
            ephemerals[node.stat.ephemeralOwner]?.remove(path)
            if ephemerals[node.stat.ephemeralOwner]?.isEmpty == true { ephemerals[node.stat.ephemeralOwner] = nil }
        }
        return [WatchedEvent(kind: .nodeDeleted, path: path), WatchedEvent(kind: .nodeChildrenChanged, path: parentPath)]
    }

    private mutating func closeSession(_ session: SessionID, zxid: Zxid) -> ApplyOutcome {
        sessions[session] = nil
        let owned = (ephemerals[session] ?? []).sorted()
        var events: [WatchedEvent] = []
        for path in owned { events += delete(path, zxid: zxid) }
        ephemerals[session] = nil
        return ApplyOutcome(reply: .success(.deleted), events: events, deletedEphemerals: owned)
    }
}
