import Simulation

/// Curator 2.5.0's `ChildReaper` and the `Reaper` it drives (`curator-recipes/…/recipes/locks/ChildReaper.java`,
/// `Reaper.java`), as a sans-IO recipe next to a ``ZooKeeperClient``: it deletes the empty children
/// of one path, such as the per-job directories `InterProcessMutex` leaves under Oozie's
/// `/oozie/locks` (Oozie's `ZKLocksService.init` starts one on every server).
///
/// - Every `threshold`, the first one `threshold` after ``start(_:_:)``, each participant lists the
///   path's children and stats each; an empty one is added to its reaper (`ChildReaper.doWork`,
///   scheduled with a fixed delay).
/// - Only the holder of the leader latch at `leaderPath` reaps (`Reaper.makeLeaderLatch`): it checks
///   each added path `threshold / 3` after it was added and again every `threshold / 3`, and deletes
///   it at the third check in a row that finds it empty (`Reaper.reap`, `EMPTY_COUNT_THRESHOLD` = 3);
///   a check that finds a child, or fails, starts the count again.
///
/// Simplifications (docs/faithfulness.md, "Curator ChildReaper"): a path being checked is checked by
/// one chain (Curator starts another chain each time a listing finds the path empty; the oldest
/// chain always deletes first, so the deletion time is the same); a path found deleted, or
/// deleted by this reaper, is forgotten (Curator's `REAP_INDEFINITELY`, which Oozie uses, checks it
/// every `threshold / 3` for the rest of the run: reads that change nothing, whose number grows with
/// every lock ever reaped; a path created again is found by the next listing instead, up to one
/// `threshold` later); a participant that does not reap forgets what the latest listing no longer shows.
public final class ChildReaper {
    /// Curator's `Reaper.EMPTY_COUNT_THRESHOLD`: the checks in a row that must find a path empty.
    public static let emptyChecks = 3

    enum Purpose: Equatable {
        case list
        case stat(String)
        case check(String)
        case delete(String)
    }

    /// One path the reaper knows (Curator's `activePaths` entry).
    struct Watched {
        /// Checks in a row that found it empty.
        var emptyCount = 0
        /// The pending check's timer, or the check or delete in flight: a chain is running.
        var timer: TimerID?
        var inFlight = false
        var hasChain: Bool { timer != nil || inFlight }
    }

    /// The parent whose empty children are deleted.
    public let path: String
    /// How often the children are listed; the reaper checks a path every third of it.
    public let threshold: SimDuration
    let workTag: Int
    let checkTag: Int
    /// Decides which participant reaps.
    public private(set) var latch: LeaderLatch
    /// Whether this participant holds the latch (Curator's `reapingIsActive`).
    public private(set) var isReaping = false
    /// How many paths this participant deleted.
    public private(set) var reaped = 0

    var watched: [String: Watched] = [:]
    var checkTimers: [TimerID: String] = [:]
    var workTimer: TimerID?
    var pending: [RequestID: Purpose] = [:]

    /// - Parameters:
    ///   - path: the parent whose children are reaped (Oozie: `/oozie/locks`).
    ///   - leaderPath: the latch deciding who reaps (Oozie: `/oozie/services/locksChildReaperLeaderPath`).
    ///   - participantID: names this participant's latch node.
    ///   - threshold: Curator's `reapingThresholdMs` (Oozie: `locks.reaper.threshold`, 300 s).
    ///   - latchPolicy: the latch's Curator version.
    ///   - timerTags: two tags for the listing and the checks.
    public init(
        path: String, leaderPath: String, participantID: String, threshold: SimDuration,
        latchPolicy: LatchReconnectPolicy = .reset, timerTags: (work: Int, check: Int)
    ) {
        precondition(threshold > .zero, "a reaper needs a positive threshold")
        precondition(ZPath.isValid(path) && path != "/", "a reaper needs a path below the root")
        self.path = path
        self.threshold = threshold
        (workTag, checkTag) = timerTags
        latch = LeaderLatch(path: leaderPath, participantID: participantID, reconnectPolicy: latchPolicy)
    }

    /// The pause between two checks of a path (`reapingThresholdMs / EMPTY_COUNT_THRESHOLD`).
    public var checkInterval: SimDuration { .nanoseconds(threshold.nanoseconds / Int64(Self.emptyChecks)) }

    /// The paths this participant knows of, sorted (for tests and inspection).
    public var knownPaths: [String] { watched.keys.sorted() }

    /// `ChildReaper.start`: schedules the listings and joins the reapers' latch.
    public func start(_ client: ZooKeeperClient, _ context: ProcessContext) {
        precondition(workTimer == nil, "a reaper starts once")
        workTimer = context.setTimer(after: threshold, tag: workTag)
        apply(latch.start(client, context), context)
    }

    /// A new session replaced the client: the latch joins again on it (Curator's latch resets on
    /// the new session's RECONNECTED); requests of the old session are gone, so their chains restart.
    public func sessionRenewed(_ client: ZooKeeperClient, _ context: ProcessContext) {
        isReaping = false
        latch = LeaderLatch(path: latch.path, participantID: latch.participantID, reconnectPolicy: latch.reconnectPolicy)
        pending = [:]
        for key in watched.keys.sorted() where watched[key]!.inFlight {
            watched[key]!.inFlight = false
            watched[key]!.emptyCount = 0
        }
        apply(latch.start(client, context), context)
    }

    /// Whether the reply to request `id` is this reaper's (its own or its latch's).
    public func isWaiting(for id: RequestID) -> Bool { pending[id] != nil || latch.isWaiting(for: id) }

    /// Feeds one of the client's events to the reaper and its latch.
    public func handle(_ event: ZooKeeperEvent, _ client: ZooKeeperClient, _ context: ProcessContext) {
        if case .reply(let id, _, let result) = event, let purpose = pending.removeValue(forKey: id) {
            return replied(purpose, result, client, context)
        }
        apply(latch.handle(event, client, context), context)
    }

    /// A timer fired; false when it is not the reaper's.
    public func timerFired(_ timer: TimerID, tag: Int, _ client: ZooKeeperClient, _ context: ProcessContext) -> Bool {
        if tag == workTag {
            guard timer == workTimer else { return true }
            workTimer = context.setTimer(after: threshold, tag: workTag)
            submit(.getChildren(path: path, watch: false), .list, client, context)
            return true
        }
        guard tag == checkTag else { return false }
        guard let child = checkTimers.removeValue(forKey: timer), watched[child]?.timer == timer else { return true }
        watched[child]!.timer = nil
        watched[child]!.inFlight = true
        // `Reaper.reap` runs whether or not this participant still leads; only the rescheduling asks.
        submit(.exists(path: child, watch: false), .check(child), client, context)
        return true
    }

    private func apply(_ events: [LeaderLatch.Event], _ context: ProcessContext) {
        for event in events {
            switch event {
            case .acquired:
                isReaping = true
                // `isLeader`: every known path is scheduled again.
                for key in watched.keys.sorted() where !watched[key]!.hasChain { schedule(key, context) }
            case .lost:
                isReaping = false
            }
        }
    }

    private func submit(_ op: Operation, _ purpose: Purpose, _ client: ZooKeeperClient, _ context: ProcessContext) {
        let (id, events) = client.submit(op, context)
        pending[id] = purpose
        for event in events { handle(event, client, context) }
    }

    private func replied(_ purpose: Purpose, _ result: Result<Reply, ZKError>, _ client: ZooKeeperClient, _ context: ProcessContext) {
        switch purpose {
        case .list:
            guard case .success(.children(let children, _)) = result else { return }  // `doWork` logs and waits
            let listed = Set(children.map { path + "/" + $0 })
            if !isReaping {
                for key in watched.keys.sorted() where !listed.contains(key) && !watched[key]!.hasChain { watched[key] = nil }
            }
            for child in children { submit(.exists(path: path + "/" + child, watch: false), .stat(path + "/" + child), client, context) }
        case .stat(let child):
            guard case .success(.exists(let stat?)) = result, stat.numChildren == 0 else { return }
            add(child, context)
        case .check(let child):
            checked(child, result, client, context)
        case .delete(let child):
            watched[child]?.inFlight = false
            switch result {
            case .success, .failure(.noNode):
                if case .success = result {
                    reaped += 1
                    context.trace("reaper.delete", child)
                }
                watched[child] = nil
            default:
                // `NotEmptyException` (reused meanwhile) or a failure: checked again from zero.
                watched[child]?.emptyCount = 0
                schedule(child, context)
            }
        }
    }

    private func checked(_ child: String, _ result: Result<Reply, ZKError>, _ client: ZooKeeperClient, _ context: ProcessContext) {
        guard watched[child] != nil else { return }
        watched[child]!.inFlight = false
        switch result {
        case .success(.exists(nil)):
            watched[child] = nil
        case .success(.exists(let stat?)) where stat.numChildren == 0:
            if watched[child]!.emptyCount + 1 >= Self.emptyChecks {
                watched[child]!.inFlight = true
                submit(.delete(path: child, version: -1), .delete(child), client, context)
            } else {
                watched[child]!.emptyCount += 1
                schedule(child, context)
            }
        default:
            watched[child]!.emptyCount = 0
            schedule(child, context)
        }
    }

    /// `Reaper.addPath`: known from now on; checked from zero if this participant reaps.
    private func add(_ child: String, _ context: ProcessContext) {
        if watched[child]?.hasChain == true { return }  // one chain per path (see the type's comment)
        watched[child] = Watched()
        schedule(child, context)
    }

    /// The next check, if this participant reaps (`Reaper.schedule` does nothing otherwise).
    private func schedule(_ child: String, _ context: ProcessContext) {
        guard isReaping, watched[child] != nil else { return }
        let timer = context.setTimer(after: checkInterval, tag: checkTag)
        watched[child]!.timer = timer
        checkTimers[timer] = child
    }
}
