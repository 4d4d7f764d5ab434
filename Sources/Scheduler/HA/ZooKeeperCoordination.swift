import Coordination
import Simulation

/// The real ``CoordinationClient``: one ``ZooKeeperClient`` talking to a Zab ensemble, with the
/// ``LeaderLatch`` and ``ExclusiveLock`` recipes on top — what Oozie does with Curator.
///
/// Layout under `root` (default `/oozie`), as Oozie's:
/// - `servers/<memberId>`: an ephemeral node per live server; a children watch gives `membersChanged`.
/// - `leader/latch-<owner>-NNNNNNNNNN`: the leader latch; the lowest sequence leads, and its node's
///   `czxid` is the fencing token (`leadershipGained`). Its name is a setting: load-balanced servers
///   use Oozie's `services/concurrencyleader` (`ZKJobsConcurrencyService`).
/// - `locks/<key>/latch-<owner>-NNNNNNNNNN`: one exclusive lock per key (Curator's
///   InterProcessReadWriteLock write side); the lock node's `czxid` is the token (`lockAcquired`).
///   A key is Oozie's resource name (a job id, a service's class name), one directory per key
///   directly below `locks/` (`ZKLocksService`: `LOCKS_NODE + "/" + resource`; a `/` in a key
///   becomes `_`). Curator 2.5.0 leaves each directory behind when its last lock node goes; with
///   a `lockReaperThreshold`, a ``ChildReaper`` deletes the empty ones, as Oozie's `ZKLocksService`
///   does (its reapers elect one among them at `services/locksChildReaperLeaderPath`).
/// - `job_id_sequence`: one counter node, incremented by compare-and-set (read the value and its
///   version, write value + 1 at that version, again on `badVersion`), as ZKUUIDService does with
///   Curator's `DistributedAtomicLong`; the new value is `nextSequence`'s cluster-unique number.
///   (One node, not a sequential node per job.)
///
/// Session states map to events: connected → `sessionEstablished` (also after a reconnect within
/// the session, so the server re-registers; registration and the latch are idempotent), disconnected
/// → `sessionSuspended`, expired → `sessionLost`. An expired session is never reused: the adapter
/// forgets its latch, locks and requests and starts a fresh ``ZooKeeperClient`` at once (a new
/// session, as a real server rejoins after Oozie restarts it); its `sessionEstablished` follows when
/// that session opens, and the server registers and joins the election again.
///
/// A disconnection that lasts becomes LOST by the Curator version's own route
/// (``CuratorConnectionLoss``): with Curator 2.x the background sync's retries run out (and the
/// handle is replaced on the way, a new session without LOST); with Curator ≥ 3.0 one negotiated
/// session timeout after SUSPENDED.
///
/// Timer tags: the client takes `timerTagBase ..< timerTagBase + 3`, lock timeouts use
/// `timerTagBase + 3`, the disconnection's clock `timerTagBase + 4`, the lock reaper
/// `timerTagBase + 5` and `+ 6`. Keys are visited in sorted order, so no dictionary order reaches a message.
public final class ZooKeeperCoordination: CoordinationClient {
    enum Purpose: Equatable {
        case parent
        case register
        case members
        case sequenceRead(requestId: Int64, attempt: Int)
        case sequenceWrite(requestId: Int64, value: Int64, attempt: Int)
    }

    /// Compare-and-set rounds one `nextSequence` may take under contention before it fails
    /// (Curator's DistributedAtomicLong gives up when its retry policy does).
    static let sequenceAttempts = 10

    struct HeldLock {
        var lock: ExclusiveLock
        var timer: TimerID?
        /// `.lockAcquired` was reported; a re-acquisition after a reconnect is not reported again.
        var reported = false
        /// Asked with no wait: give up as soon as another holder is found first.
        var tryOnce = false
    }

    /// Oozie's `oozie.zookeeper.session.timeout` (`oozie-default.xml`: 300 s), what its servers ask
    /// for; the ensemble clamps it to at most 20 × tickTime (40 s with ZooKeeper's sample config).
    public static let oozieSessionTimeout = SimDuration.seconds(300)
    /// Oozie's `oozie.service.ZKLocksService.locks.reaper.threshold` (`oozie-default.xml`: 300 s,
    /// `ZKLocksService.DEFAULT_REAPING_THRESHOLD`): how often the lock reaper lists `locks/`.
    public static let oozieLockReaperThreshold = SimDuration.seconds(300)

    public let servers: [HostID]
    /// The session timeout asked of the ensemble (the negotiated one is the client's).
    public let sessionTimeout: SimDuration
    /// How the leader latch behaves when the client reconnects (the Curator version).
    public let latchPolicy: LatchReconnectPolicy
    /// How a lasting disconnection becomes LOST (the Curator version).
    public let connectionLoss: CuratorConnectionLoss
    public let root: String
    /// The leader latch's path below `root`.
    public let latchName: String
    public let timerTagBase: Int
    /// Names this server's latch and lock nodes (`-` and `/` are replaced, as the recipes forbid them).
    public let owner: String
    /// How often the lock reaper lists `locks/`; nil runs no reaper.
    public let lockReaperThreshold: SimDuration?
    /// The current session's client; replaced after an expiry.
    public private(set) var client: ZooKeeperClient
    /// Deletes the empty lock directories (Oozie's `ZKLocksService` reaper), when asked for.
    public internal(set) var reaper: ChildReaper?
    /// How many sessions were opened (1 until the first expiry).
    public private(set) var sessions = 1

    var memberId: String?
    var latch: LeaderLatch?
    var locks: [String: HeldLock] = [:]
    var lockTimers: [TimerID: String] = [:]
    /// Locks given up while their node's create was in flight: kept fed until the node is known,
    /// then deleted — else an orphan node of this live session would block the key for good.
    var abandoned: [ExclusiveLock] = []
    var pending: [RequestID: Purpose] = [:]
    var lastMembers: [String]?
    var parentsCreated: Set<String> = []
    /// The disconnection being timed (Curator's SUSPENDED): its timer and, for Curator 2.x, the sync.
    var suspension: (timer: TimerID, sync: CuratorSuspendedSync?)?

    static let lockTimeoutTag = 3
    static let connectionLossTag = 4
    static let reaperWorkTag = 5
    static let reaperCheckTag = 6

    /// - Parameters:
    ///   - servers: the ensemble's hosts (the connection string).
    ///   - owner: this server's id, naming its latch and lock nodes.
    ///   - sessionTimeout: the session timeout asked of the ensemble; Oozie's by default.
    ///   - latchPolicy: the leader latch's Curator version; Oozie's (2.5.0) by default.
    ///   - connectionLoss: how a lasting disconnection becomes LOST; Curator 2.5.0 with Oozie's retry
    ///     policy by default.
    ///   - latchName: the leader latch's path below `root`.
    ///   - lockReaperThreshold: runs Oozie's lock reaper with this threshold
    ///     (``oozieLockReaperThreshold``); nil, the default, runs none (a server that takes no locks).
    ///   - timerTagBase: the first of seven timer tags this adapter uses; at least ``CoordinationTimerTags/base``.
    public init(
        servers: [HostID], owner: String, sessionTimeout: SimDuration = oozieSessionTimeout,
        latchPolicy: LatchReconnectPolicy = .reset, connectionLoss: CuratorConnectionLoss = .oozie,
        root: String = "/oozie", latchName: String = "leader", lockReaperThreshold: SimDuration? = nil,
        timerTagBase: Int = CoordinationTimerTags.base
    ) {
        precondition(timerTagBase >= CoordinationTimerTags.base, "coordination timer tags start at CoordinationTimerTags.base")
        precondition(root.hasPrefix("/") && !root.hasSuffix("/"), "root is an absolute path")
        self.servers = servers
        self.sessionTimeout = sessionTimeout
        self.latchPolicy = latchPolicy
        self.connectionLoss = connectionLoss
        self.root = root
        self.latchName = latchName
        self.timerTagBase = timerTagBase
        self.lockReaperThreshold = lockReaperThreshold
        sequencePath = root + "/job_id_sequence"
        serversPath = root + "/servers"
        self.owner = owner.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "/", with: "_")
        client = ZooKeeperClient(servers: servers, sessionTimeout: sessionTimeout, timerTagBase: timerTagBase)
    }

    /// Whether this server leads now.
    public var isLeader: Bool { latch?.isLeader ?? false }
    /// Keys of the locks held now, sorted.
    public var heldLocks: [String] { locks.keys.sorted().filter { locks[$0]!.lock.isHeld } }

    // MARK: CoordinationClient

    public func start(_ context: ProcessContext) -> [CoordinationEvent] {
        let events = deliver(client.start(context), context)
        startLockReaper(context)
        return events
    }

    public func receive(_ message: any Message, from peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]? {
        // The kernel delivers only on a pair's current connection, so that is the one it came on.
        guard let events = client.receive(message, from: peer, on: context.connection(to: peer), context) else { return nil }
        return deliver(events, context)
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) -> [CoordinationEvent]? {
        if tag == timerTagBase + Self.lockTimeoutTag {
            guard let key = lockTimers.removeValue(forKey: timer) else { return [] }
            return lockTimedOut(key, context)
        }
        if tag == timerTagBase + Self.connectionLossTag { return suspensionTimerFired(timer, context) }
        if let reaper, reaper.timerFired(timer, tag: tag, client, context) { return [] }
        guard let events = client.timerFired(timer, tag: tag, context) else { return nil }
        return deliver(events, context)
    }

    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]? {
        guard let events = client.connectionClosed(connection, peer: peer, context) else { return nil }
        return deliver(events, context)
    }

    public func register(memberId: String, _ context: ProcessContext) -> [CoordinationEvent] {
        self.memberId = memberId
        var out = ensureParents(of: serversPath, context)
        // Ephemeral: gone with the session. `nodeExists` after a reconnect means it is already ours.
        let name = memberId.isEmpty ? "_" : memberId.replacingOccurrences(of: "/", with: "_")
        out += submit(.create(path: serversPath + "/" + name, data: memberId, mode: .ephemeral), .register, context)
        return out
    }

    public func joinLeaderElection(_ context: ProcessContext) -> [CoordinationEvent] {
        // Idempotent: after a reconnect the latch re-checks by itself.
        if let latch, !latch.isClosed { return [] }
        let latch = LeaderLatch(path: root + "/" + latchName, participantID: owner, reconnectPolicy: latchPolicy)
        self.latch = latch
        return latch.start(client, context).map(Self.leadership)
    }

    public func acquireLock(_ key: String, timeout: SimDuration, _ context: ProcessContext) -> [CoordinationEvent] {
        if let held = locks[key] {
            guard held.lock.isHeld, let token = held.lock.token else { return [] }
            return [.lockAcquired(key: key, token: FencingToken(token.raw))]
        }
        let lock = ExclusiveLock(path: lockPath(key), ownerID: owner)
        guard timeout > .zero else {
            // Curator's `acquire(0, ms)`: create the node, list, and give up at once if another is first.
            locks[key] = HeldLock(lock: lock, timer: nil, tryOnce: true)
            return lockEvents(key, lock.acquire(client, context), context)
        }
        let timer = context.setTimer(after: timeout, tag: timerTagBase + Self.lockTimeoutTag)
        lockTimers[timer] = key
        locks[key] = HeldLock(lock: lock, timer: timer)
        return lockEvents(key, lock.acquire(client, context), context)
    }

    public func releaseLock(_ key: String, _ context: ProcessContext) -> [CoordinationEvent] {
        guard let held = locks.removeValue(forKey: key) else { return [] }
        if let timer = held.timer {
            context.cancelTimer(timer)
            lockTimers[timer] = nil
        }
        let wasHeld = held.reported || held.lock.isHeld
        abandon(held.lock, context)
        return wasHeld ? [.lockReleased(key: key)] : []
    }

    public func nextSequence(requestId: Int64, _ context: ProcessContext) -> [CoordinationEvent] {
        ensureParents(of: sequencePath, context) + readSequence(requestId: requestId, attempt: 1, context)
    }

    /// `root/job_id_sequence`, built once: every increment's transaction holds this path, and a
    /// long run keeps hundreds of thousands of them in the servers' logs, all sharing one buffer.
    let sequencePath: String

    func readSequence(requestId: Int64, attempt: Int, _ context: ProcessContext) -> [CoordinationEvent] {
        submit(.getData(path: sequencePath, watch: false), .sequenceRead(requestId: requestId, attempt: attempt), context)
    }

    // MARK: Plumbing

    let serversPath: String

    /// One directory per key, directly below `locks/`, where the reaper finds it.
    func lockPath(_ key: String) -> String {
        root + "/locks/" + (key.isEmpty ? "_" : key.replacingOccurrences(of: "/", with: "_"))
    }

    /// Creates `path` and its ancestors once per session (`nodeExists` is fine: another server did).
    func ensureParents(of path: String, _ context: ProcessContext) -> [CoordinationEvent] {
        var out: [CoordinationEvent] = []
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            guard parentsCreated.insert(prefix).inserted else { continue }
            out += submit(.create(path: prefix, data: "", mode: .persistent), .parent, context)
        }
        return out
    }

    func submit(_ op: Operation, _ purpose: Purpose, _ context: ProcessContext) -> [CoordinationEvent] {
        let (id, events) = client.submit(op, context)
        pending[id] = purpose
        return deliver(events, context)
    }

    /// Feeds the client's events to the latch, the locks (by key) and this adapter's own requests.
    func deliver(_ events: [ZooKeeperEvent], _ context: ProcessContext) -> [CoordinationEvent] {
        var out: [CoordinationEvent] = []
        for event in events { out += deliver(event, context) }
        return out
    }

    func deliver(_ event: ZooKeeperEvent, _ context: ProcessContext) -> [CoordinationEvent] {
        var out: [CoordinationEvent] = []
        if case .state(.disconnected) = event { out.append(.sessionSuspended) }
        let current = client
        if let latch { out += latch.handle(event, current, context).map(Self.leadership) }
        reaper?.handle(event, current, context)
        if case .reply(let id, _, _) = event {
            // A reply is one lock's at most: find it, rather than offer it to every lock in turn.
            if let (key, held) = locks.first(where: { $0.value.lock.isWaiting(for: id) }) {
                out += lockEvents(key, held.lock.handle(event, current, context), context)
                if held.tryOnce, held.lock.isQueued { out += lockTimedOut(key, context) }
            }
        } else {
            for key in locks.keys.sorted() {  // state changes and watches: every lock, in a stable order
                guard let held = locks[key] else { continue }
                out += lockEvents(key, held.lock.handle(event, current, context), context)
            }
        }
        for lock in abandoned { _ = lock.handle(event, current, context) }
        abandoned.removeAll { lock in
            guard lock.node != nil else { return false }
            lock.release(current, context)
            return true
        }
        guard current === client else { return out }  // replaced while handling (cannot happen today)
        switch event {
        case .state(.connected):
            endSuspension(context)
            out.append(.sessionEstablished)
        case .state(.expired), .state(.closed):
            out.append(.sessionLost)
            out += renewSession(context)
        case .state(.disconnected):
            suspend(context)
        case .state:
            break
        case .watch(let watched):
            if watched.kind == .nodeChildrenChanged, watched.path == serversPath { out += listMembers(context) }
        case .reply(let id, _, let result):
            guard let purpose = pending.removeValue(forKey: id) else { break }
            out += replied(purpose, result, context)
        }
        return out
    }

    func replied(_ purpose: Purpose, _ result: Result<Reply, ZKError>, _ context: ProcessContext) -> [CoordinationEvent] {
        switch (purpose, result) {
        case (.parent, .failure(.connectionLoss)):
            parentsCreated = []  // not known to exist: ask again next time
            return []
        case (.parent, _):
            return []
        case (.register, .success), (.register, .failure(.nodeExists)):
            return listMembers(context)
        case (.register, _):
            return []  // retried on the next sessionEstablished (the server registers again)
        case (.members, .success(.children(let children, _))):
            let members = children.sorted()
            guard members != lastMembers else { return [] }
            lastMembers = members
            return [.membersChanged(members)]
        case (.members, _):
            return []
        case (.sequenceRead(let requestId, let attempt), .success(.data(let text, let stat))):
            // The parent is created empty: no value yet is 0.
            guard let value = text.isEmpty ? 0 : Int64(text) else { return [.requestFailed(requestId: requestId)] }
            return submit(
                .setData(path: sequencePath, data: String(value + 1), version: stat.version),
                .sequenceWrite(requestId: requestId, value: value + 1, attempt: attempt), context)
        case (.sequenceWrite(let requestId, let value, _), .success(.set)):
            return [.sequenceAllocated(requestId: requestId, value: value)]
        case (.sequenceWrite(let requestId, _, let attempt), .failure(.badVersion)) where attempt < Self.sequenceAttempts:
            return readSequence(requestId: requestId, attempt: attempt + 1, context)
        case (.sequenceRead(let requestId, _), _), (.sequenceWrite(let requestId, _, _), _):
            return [.requestFailed(requestId: requestId)]
        }
    }

    func listMembers(_ context: ProcessContext) -> [CoordinationEvent] {
        submit(.getChildren(path: serversPath, watch: true), .members, context)
    }

    /// The session expired: drop everything it held and open a new one with a fresh client.
    func renewSession(_ context: ProcessContext) -> [CoordinationEvent] {
        context.trace("zk-adapter.renew", "session \(client.sessionID) expired; opening session \(sessions + 1)")
        endSuspension(context)
        return openSession(context)
    }

    /// Forgets the current session's latch, locks and requests and starts a fresh client (a new session).
    func openSession(_ context: ProcessContext) -> [CoordinationEvent] {
        for key in locks.keys.sorted() {
            if let timer = locks[key]!.timer { context.cancelTimer(timer) }
        }
        locks = [:]
        lockTimers = [:]
        abandoned = []
        latch = nil
        pending = [:]
        lastMembers = nil
        parentsCreated = []
        sessions += 1
        client = ZooKeeperClient(servers: servers, sessionTimeout: sessionTimeout, timerTagBase: timerTagBase)
        let events = deliver(client.start(context), context)
        reaper?.sessionRenewed(client, context)
        return events
    }

    func lockTimedOut(_ key: String, _ context: ProcessContext) -> [CoordinationEvent] {
        guard let held = locks[key] else { return [] }
        locks[key]!.timer = nil
        guard !held.lock.isHeld, !held.reported else { return [] }
        locks[key] = nil
        abandon(held.lock, context)  // gives up the wait: deletes our node
        return [.lockTimedOut(key: key)]
    }

    /// Releases `lock` now if its node is known, else once its create answers.
    func abandon(_ lock: ExclusiveLock, _ context: ProcessContext) {
        if lock.node != nil { lock.release(client, context) } else { abandoned.append(lock) }
    }

    func lockEvents(_ key: String, _ events: [ExclusiveLock.Event], _ context: ProcessContext) -> [CoordinationEvent] {
        var out: [CoordinationEvent] = []
        for event in events {
            // `.lost` on a disconnect is not reported: the node lives while the session does, and an
            // expiry reports `sessionLost`, which drops every lock.
            guard case .acquired(let token) = event, locks[key] != nil, !locks[key]!.reported else { continue }
            locks[key]!.reported = true
            if let timer = locks[key]!.timer {
                context.cancelTimer(timer)
                lockTimers[timer] = nil
                locks[key]!.timer = nil
            }
            out.append(.lockAcquired(key: key, token: FencingToken(token.raw)))
        }
        return out
    }

    static func leadership(_ event: LeaderLatch.Event) -> CoordinationEvent {
        switch event {
        case .acquired(let token): .leadershipGained(token: FencingToken(token.raw))
        case .lost: .leadershipLost
        }
    }
}
