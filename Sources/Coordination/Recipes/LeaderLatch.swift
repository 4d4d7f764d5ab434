import Simulation

/// ZooKeeper's leader-election recipe (Curator's `LeaderLatch`) with a fencing token, as a
/// sans-IO state machine embedded next to a ``ZooKeeperClient``.
///
/// Each participant creates an ephemeral-sequential node `latch-<id>-NNNNNNNNNN` under `path`; the
/// lowest sequence number leads. Every other participant watches only its predecessor, so one
/// departure wakes one participant, not the herd. Leadership is dropped as soon as the client is
/// disconnected (Curator's standard policy: SUSPENDED counts as lost) and for good on expiry.
///
/// Why a token: a holder can be paused (GC, VM stall) past its session timeout; the ensemble
/// then deletes its node and elects another holder while the paused one still *believes* it
/// leads, and on waking it may act before it hears anything. No lease or timeout closes that gap.
/// Instead every holder gets its node's `czxid`, which the ensemble assigns in commit order, so a
/// later holder always has a larger token; a resource that remembers the largest token it saw
/// (``FencedStore``) rejects the stale holder's writes.
///
/// What a participant does when its client reconnects within the session (Curator's RECONNECTED).
/// Both drop leadership on a disconnect (SUSPENDED, Curator's standard error policy) and on expiry.
public enum LatchReconnectPolicy: String, Sendable, Equatable {
    /// Curator 2.x to 5.3 (`LeaderLatch.handleStateChange` calls `reset()`): the participant deletes
    /// its node and creates a new one, so it rejoins at the back of the queue and another
    /// participant may lead. Oozie ships Curator 2.5.0 (its `pom.xml`).
    case reset = "curator-2.5"
    /// Curator 5.4 and later (CURATOR-644/645, `handleStateChange` calls `getChildren()`): the
    /// participant re-reads the children and keeps its place; a holder whose node lives leads again.
    case recheck = "curator-5.4"
}

/// Usage: pass every ``ZooKeeperEvent`` of the client to `handle`; act on the returned events.
public final class LeaderLatch {
    /// What the latch tells its owner.
    public enum Event: Sendable, Equatable {
        /// This participant leads; tag every guarded action with `token`.
        case acquired(token: Zxid)
        /// This participant no longer leads (disconnected, expired or closed).
        case lost
    }

    enum Purpose: Equatable { case parent, create, list, stat, predecessor, delete(String) }

    public let path: String
    public let participantID: String
    public let reconnectPolicy: LatchReconnectPolicy
    /// The fencing token of this participant's node, once it is known.
    public internal(set) var token: Zxid?
    public internal(set) var isLeader = false
    /// The full path of this participant's node.
    public internal(set) var node: String?
    public internal(set) var isClosed = false

    var pending: [RequestID: Purpose] = [:]
    var outbox: [Event] = []
    var needsListing = false
    /// Disconnected since the last connect: the next `connected` is Curator's RECONNECTED.
    var wasDisconnected = false
    /// Nodes of this participant whose delete met a connection loss: Curator's guaranteed delete
    /// tries again once connected (an ephemeral node of a live session is never removed otherwise).
    var undeleted: [String] = []

    /// - Parameter reconnectPolicy: `.recheck` is also what a lock (Curator's InterProcessMutex,
    ///   which never resets) needs.
    public init(path: String, participantID: String, reconnectPolicy: LatchReconnectPolicy = .recheck) {
        precondition(ZPath.isValid(path) && path != "/", "a latch needs a path below the root")
        precondition(!participantID.contains("/") && !participantID.contains("-"), "ids cannot hold '/' or '-'")
        self.path = path
        self.participantID = participantID
        self.reconnectPolicy = reconnectPolicy
    }

    var nodePrefix: String { "latch-\(participantID)-" }

    /// Joins the election: creates this participant's node (and the latch path's ancestors if
    /// they are missing).
    public func start(_ client: ZooKeeperClient, _ context: ProcessContext) -> [Event] {
        createNode(client, context)
        return drain()
    }

    func createNode(_ client: ZooKeeperClient, _ context: ProcessContext) {
        submit(.create(path: path + "/" + nodePrefix, data: participantID, mode: .ephemeralSequential), .create, client, context)
    }

    /// Curator's `creatingParentsIfNeeded`: the ancestors are created only after a create found
    /// them missing, then the create is tried again (the session's FIFO order runs them first).
    /// Creating them before every create would cost a quorum round each, on every acquisition.
    func createParentsAndRetry(_ client: ZooKeeperClient, _ context: ProcessContext) {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            submit(.create(path: prefix, data: "", mode: .persistent), .parent, client, context)
        }
        createNode(client, context)
    }

    /// Leaves the election: deletes this participant's node, so the next one leads at once.
    public func close(_ client: ZooKeeperClient, _ context: ProcessContext) -> [Event] {
        guard !isClosed else { return [] }
        isClosed = true
        lose(context)
        setNode(nil, client, context)
        return drain()
    }

    /// Whether this participant has its node, does not lead and waits on nothing but a watch: it
    /// is queued behind another (where Curator's `acquire(time)` with no time left gives up).
    public var isQueued: Bool { node != nil && !isLeader && !isClosed && pending.isEmpty }

    /// Whether the reply to request `id` is this latch's (a host with many latches routes replies).
    public func isWaiting(for id: RequestID) -> Bool { pending[id] != nil }

    /// Feeds one of the client's events to the latch; returns what changed for the owner.
    public func handle(_ event: ZooKeeperEvent, _ client: ZooKeeperClient, _ context: ProcessContext) -> [Event] {
        process(event, client, context)
        return drain()
    }

    func process(_ event: ZooKeeperEvent, _ client: ZooKeeperClient, _ context: ProcessContext) {
        guard !isClosed else { return }
        switch event {
        case .state(.disconnected):
            wasDisconnected = true
            lose(context)
        case .state(.connected):
            let reconnected = wasDisconnected
            wasDisconnected = false
            let retried = undeleted
            undeleted = []
            for path in retried { delete(path, client, context) }
            if reconnected, reconnectPolicy == .reset, node != nil { return reset(client, context) }
            if needsListing || node != nil { list(client, context) }
        case .state(.expired), .state(.closed):
            lose(context)
            isClosed = true
            undeleted = []  // the session's ephemeral nodes went with it
        case .state(.connecting):
            break
        case .watch(let watched):
            if watched.kind == .nodeDeleted, watched.path.hasPrefix(path + "/") { list(client, context) }
        case .reply(let id, _, let result):
            guard let purpose = pending.removeValue(forKey: id) else { break }
            replied(purpose, result, client, context)
        }
    }

    func submit(_ op: Operation, _ purpose: Purpose, _ client: ZooKeeperClient, _ context: ProcessContext) {
        let (id, events) = client.submit(op, context)
        pending[id] = purpose
        for event in events { process(event, client, context) }
    }

    /// Curator 2.5.0's `LeaderLatch.reset()`: delete this participant's node and queue again with a
    /// new one. The delete goes first on the session's FIFO order, so a waiting participant may take
    /// the lead before the new node exists. (A create whose answer was lost leaves no known node:
    /// then the latch lists and adopts it by its name, as Curator's protected create finds it.)
    func reset(_ client: ZooKeeperClient, _ context: ProcessContext) {
        lose(context)
        setNode(nil, client, context)
        token = nil
        needsListing = false
        context.trace("latch.reset", "\(participantID) re-queues at \(path)")
        createNode(client, context)
    }

    /// Curator's `LeaderLatch.setNode`: a participant that learns a new node of its own deletes the
    /// one it had, with a guaranteed delete. Two creates can be in flight (a reconnect's reset, or a
    /// listing that missed its node, and a predecessor's deletion seen at the same time); without this
    /// the older node would stay first in line, with nobody waiting for it, until the session ended.
    func setNode(_ new: String?, _ client: ZooKeeperClient, _ context: ProcessContext) {
        let old = node
        node = new
        if let old, old != new { delete(old, client, context) }
    }

    func delete(_ path: String, _ client: ZooKeeperClient, _ context: ProcessContext) {
        submit(.delete(path: path, version: -1), .delete(path), client, context)
    }

    func drain() -> [Event] {
        defer { outbox = [] }
        return outbox
    }

    func lose(_ context: ProcessContext) {
        guard isLeader, let token else { return }
        isLeader = false
        context.emit(LatchObservation.released(path: path, participant: participantID, token: token))
        outbox.append(.lost)
    }

    func list(_ client: ZooKeeperClient, _ context: ProcessContext) {
        needsListing = false
        submit(.getChildren(path: path, watch: false), .list, client, context)
    }
}
