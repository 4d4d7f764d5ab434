import Simulation

/// A ZooKeeper server: fast leader election, Zab discovery/synchronisation/broadcast, the data
/// tree, sessions and watches — one sans-IO state machine run by the simulator.
///
/// The server is split by concern: `+Election` (FastLeaderElection), `+Leader` (discovery and
/// sync, leader side), `+Follower` (learner side), `+Broadcast` (proposals and commits),
/// `+Sessions` (session tracking and expiry), `+Clients` (requests, reads, watches), `+Links`
/// (sending only on the connection a peer registered on).
///
/// Known simplifications: a server rebuilds its tree from its latest snapshot and the log after
/// it at every sync (`+Snapshots`); one write per session is in flight at a time
/// (no pipelining); processing takes no time except where ``ZabConfig`` models it (shutdown of a
/// role, the leader's start).
/// Not thread-safe; one instance per simulated host incarnation.
public final class ZabServer: Process {
    /// Timer tags; each names a concern.
    enum Tag {
        static let tick = 1
        static let electionIdle = 2
        static let finalize = 3
        static let stopped = 4
        static let connectRetry = 5
        static let listening = 6
        static let sessionExpiry = 7
        static let loopback = 8
        static let purge = 9
        static let electionStart = 10
    }

    public let me: HostID
    public let config: ZabConfig
    var disk: ZabDisk!

    /// LOOKING, FOLLOWING or LEADING, with the state each role needs.
    enum Role {
        case looking
        case following(FollowerState)
        case leading(LeaderState)
    }
    var role: Role = .looking
    var election = ElectionState()

    /// The replicated tree as far as this server has applied committed transactions.
    public internal(set) var tree = DataTree()
    /// How many log entries are applied to `tree`.
    public internal(set) var appliedCount = 0
    /// The highest zxid this server knows to be committed.
    public internal(set) var commitZxid = Zxid.zero
    /// Whether clients may use this server (a synced follower or an established leader).
    public internal(set) var isServing = false

    var clients = ClientTable()
    /// Where this process's elapsed-time clock stood at its start, modulo tickTime: the JVM's
    /// `System.nanoTime` has an arbitrary origin, so session buckets have a random phase.
    var elapsedOrigin: SimDuration = .zero
    var snapshots = SnapshotTrigger()

    public init(_ me: HostID, config: ZabConfig) {
        precondition(config.servers.contains(me), "\(me) is not in the ensemble")
        self.me = me
        self.config = config
    }

    // MARK: Inspection (tests, scenarios)

    public var state: ServerState {
        switch role {
        case .looking: .looking
        case .following: .following
        case .leading: .leading
        }
    }
    /// The leader this server follows or is, once decided.
    public var leaderID: HostID? {
        switch role {
        case .looking: nil
        case .following(let f): f.leader
        case .leading: me
        }
    }
    /// Whether this server leads an established epoch.
    public var isEstablishedLeader: Bool {
        if case .leading(let l) = role { return l.phase == .established }
        return false
    }
    public var currentEpoch: Int64 { disk.currentEpoch.current }
    public var acceptedEpoch: Int64 { disk.acceptedEpoch.current }
    /// Every logged transaction still on disk (from position ``logStart``), committed or not.
    public var log: [Txn] { disk.log.entries }
    /// The history position of the first entry of ``log``; the history before it is in snapshots.
    public var logStart: Int { disk.logStart }
    /// The zxids this server has applied as committed, from position ``logStart``.
    public var committedZxids: [Zxid] { disk.log.entries[..<max(0, appliedCount - disk.logStart)].map(\.zxid) }

    // MARK: Process

    public func start(_ context: ProcessContext) {
        disk = context.durable(as: ZabDisk.self)
        disk.boots.write(disk.boots.current + 1)
        election.sentSequence = disk.boots.current << 40
        elapsedOrigin = SimDuration(nanoseconds: Int64(context.randomUnit() * Double(config.tickTime.nanoseconds)))
        context.setTimer(after: config.tickTime / 2, tag: Tag.tick)
        purge(context)
        startLooking(context)
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let message = message as? ClientMessage {
            handleClient(message, from: peer, on: connection, context)
            return
        }
        guard let message = message as? PeerMessage else { return }
        if case .notification(let n) = message {
            receiveNotification(n, from: peer, context)
            return
        }
        guard connection == context.connection(to: peer) else { return }  // a stale connection's leftovers
        if case .followerInfo = message, !isListeningForLearners {
            context.closeConnection(to: peer)  // nothing listens on the quorum port: refused
            return
        }
        switch role {
        case .looking: break
        case .following:
            handleFromLeader(message, from: peer, on: connection, context)
        case .leading:
            handleFromLearner(message, from: peer, on: connection, context)
        }
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        switch tag {
        case Tag.tick:
            context.setTimer(after: config.tickTime / 2, tag: Tag.tick)
            halfTick(context)
        case Tag.electionIdle: electionIdleTimeout(timer, context)
        case Tag.finalize: finalizeTimeout(timer, context)
        case Tag.stopped: roleStopped(context)
        case Tag.connectRetry: retryConnectToLeader(timer, context)
        case Tag.listening: startListening(context)
        case Tag.sessionExpiry: sessionExpiryDue(timer, context)
        case Tag.loopback: loopbackArrived(timer, context)
        case Tag.purge: purge(context)
        case Tag.electionStart: electionStarts(timer, context)
        default: preconditionFailure("unknown timer tag \(tag)")
        }
    }

    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if config.servers.contains(peer) {
            switch role {
            case .looking: break
            case .following(let f):
                if peer == f.leader && connection == f.connection { leaderConnectionClosed(context) }
            case .leading(let l):
                if let learner = l.learners[peer], learner.connection == connection { dropLearner(peer, context) }
            }
        } else {
            clientConnectionClosed(connection, peer: peer, context)
        }
    }

    /// Runs every half tick in every role: the leader pings and counts its quorum, a follower
    /// checks that it still hears its leader.
    func halfTick(_ context: ProcessContext) {
        switch role {
        case .looking: break
        case .following: followerTick(context)
        case .leading: leaderTick(context)
        }
    }

    /// Leaves FOLLOWING or LEADING for a new election: ZooKeeper's shutdown of the role, which also
    /// drops every client (they reconnect elsewhere) and the volatile tree (rebuilt at the next
    /// sync). LOOKING starts once the shutdown took its time (``ZabConfig/shutdownTime``).
    func abandon(_ reason: String, _ context: ProcessContext) {
        context.trace("zab.abandon", reason)
        let previous = state
        switch role {
        case .looking: return
        case .following(let f):
            if let retry = f.retryTimer { context.cancelTimer(retry) }
            context.closeConnection(to: f.leader)
        case .leading(let l):
            if l.phase == .established { context.emit(ZabObservation.steppedDown(epoch: l.epoch)) }
            for peer in l.learners.peers { context.closeConnection(to: peer) }
        }
        stopServing(context)
        stopRole(was: previous, context)
    }

    /// Applies committed log entries, in order, up to `commitZxid`.
    func applyCommitted(_ context: ProcessContext) {
        precondition(appliedCount >= disk.logStart, "applied \(appliedCount) before the log at \(disk.logStart)")
        while appliedCount < disk.endPosition, disk.txn(at: appliedCount).zxid <= commitZxid {
            let txn = disk.txn(at: appliedCount)
            let outcome = tree.apply(txn)
            context.emit(ZabApplied(index: appliedCount, zxid: txn.zxid, fingerprint: txn.fingerprint))
            appliedCount += 1
            committed(txn, outcome, context)
        }
    }
}
