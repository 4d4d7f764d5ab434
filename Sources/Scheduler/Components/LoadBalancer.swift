import Simulation

/// Settings of the load balancer's health checks, named and defaulted as HAProxy 2.x's server
/// options (`doc/configuration.txt` §5.2: `inter` 2000 ms, `fall` 3, `rise` 2; `timeout check`
/// unset).
public struct HealthCheckSettings: Equatable, Sendable {
    /// `inter`: the pause between the end of one check and the start of the next.
    public var interval: SimDuration
    /// `timeout check`; nil (HAProxy's default) lets a check run for `interval`.
    public var timeout: SimDuration?
    public var fall: Int
    public var rise: Int

    public init(interval: SimDuration = .seconds(2), timeout: SimDuration? = nil, fall: Int = 3, rise: Int = 2) {
        self.interval = interval
        self.timeout = timeout
        self.fall = fall
        self.rise = rise
    }

    /// How long a check may wait for its answer: `timeout check`, else `inter` ("If "timeout
    /// check" is not set haproxy uses "inter" for complete check timeout", `doc/configuration.txt`).
    /// (HAProxy gives the TCP connect min(`timeout connect`, `inter`) when `timeout check` is set;
    /// the model has no separate connect phase.)
    public var checkTimeout: SimDuration { timeout ?? interval }
}

/// A load balancer as a kernel process: health-checks its backends and forwards each client
/// request to one healthy backend by its policy, passing the answer back. It can crash like any
/// host; it keeps no durable state, so it restarts with every backend up but one failed check from
/// down, as HAProxy 2.x starts its servers (see ``HealthTracker``).
///
/// Checks follow HAProxy's `src/check.c` (`process_chk`, `start_checks`): each backend has its own
/// check cycle, the first ones spread over one `inter` (backend i of n starts at i·inter/n); a check
/// passes when its answer comes, fails when the connection is refused or reset, or when it times
/// out (``HealthCheckSettings/checkTimeout``); the next one starts `inter` after it ended. With the
/// defaults a backend that refuses connections is down 4–6 s after it died (three refused checks
/// two seconds apart) and a silent one 10–12 s after (three checks of 2 s, each followed by 2 s).
public final class LoadBalancer: Process {
    /// A backend's check cycle.
    struct Check {
        var sequence: Int64 = 0
        /// The check in flight, if any, and its timeout.
        var inFlight: Int64?
        var timeout: TimerID?
    }

    let health: HealthCheckSettings
    var picker: BackendPicker
    var trackers: [HealthTracker]
    var checks: [Check]
    var nextRequestId: Int64 = 0
    /// Which backends the platform routes to at all (a Kubernetes Service's ready endpoints); nil: every backend.
    let admits: ((HostID) -> Bool)?
    /// Requests in flight: id → (client, backend index, request kind). Iterated only sorted.
    var pending: [Int64: (client: HostID, backend: Int, request: any Message)] = [:]

    public init(
        backends: [HostID], policy: BalancerPolicy, weights: [Int]? = nil, health: HealthCheckSettings = .init(),
        admits: ((HostID) -> Bool)? = nil
    ) {
        self.health = health
        self.admits = admits
        self.picker = BackendPicker(policy: policy, backends: backends, weights: weights)
        self.trackers = backends.map { _ in HealthTracker(fall: health.fall, rise: health.rise) }
        self.checks = backends.map { _ in Check() }
    }

    /// Which backends the balancer currently believes healthy.
    public var healthy: [Bool] { trackers.map(\.isHealthy) }

    /// Timer tags: `2i` starts backend i's next check, `2i + 1` is its check's timeout.
    public func start(_ context: ProcessContext) {
        let n = Int64(checks.count)
        for i in checks.indices { context.setTimer(after: health.interval * Int64(i) / n, tag: 2 * i) }
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        let i = tag / 2
        guard checks.indices.contains(i) else { return }
        if tag % 2 == 0 { return startCheck(i, context) }
        guard checks[i].timeout == timer else { return }
        checks[i].timeout = nil
        finishCheck(i, passed: false, context)
    }

    func startCheck(_ i: Int, _ context: ProcessContext) {
        precondition(checks[i].inFlight == nil, "one check at a time per backend")
        checks[i].sequence += 1
        checks[i].inFlight = checks[i].sequence
        context.send(HealthCheck(round: checks[i].sequence), to: picker.backends[i])
        checks[i].timeout = context.setTimer(after: health.checkTimeout, tag: 2 * i + 1)
    }

    /// Scores the check that ended and schedules the next one `inter` later.
    func finishCheck(_ i: Int, passed: Bool, _ context: ProcessContext) {
        guard checks[i].inFlight != nil else { return }
        checks[i].inFlight = nil
        if let timer = checks[i].timeout {
            context.cancelTimer(timer)
            checks[i].timeout = nil
        }
        if trackers[i].record(passed: passed) {
            let backend = picker.backends[i]
            context.emit(BalancerObservation(backend: backend, healthy: trackers[i].isHealthy))
            context.trace("backend-" + (trackers[i].isHealthy ? "up" : "down"), "\(backend)")
            if !trackers[i].isHealthy {
                // A backend that went silent (paused, partitioned) never answers what it holds: fail it now,
                // or least-connections would count those requests against it forever. HAProxy opens a
                // new connection per check; closing ours lets the next checks through once it is back.
                failPending(of: i, reason: "backend marked down", context)
                context.closeConnection(to: backend)
            }
        } else if !passed && !trackers[i].isHealthy {
            // HAProxy opens a new connection per check (src/tcpcheck.c, `tcpcheck_eval_connect`, the
            // implicit first rule of every check; 2.8): while a backend
            // is down, each failed check closes ours, so the first check after a partition heals
            // gets through instead of dying on a connection the partition broke. Nothing is routed
            // to a down backend, so no request rides on it.
            context.closeConnection(to: picker.backends[i])
        }
        context.setTimer(after: health.interval, tag: 2 * i)
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        switch message {
        case let reply as HealthReply:
            if let i = picker.backends.firstIndex(of: peer), checks[i].inFlight == reply.round {
                finishCheck(i, passed: true, context)
            }
        case let reply as ProxiedReply:
            guard let entry = pending.removeValue(forKey: reply.requestId) else { return }
            picker.closed(entry.backend)
            context.send(reply.reply, to: entry.client)
        default:
            forward(message, from: peer, context)
        }
    }

    func forward(_ request: any Message, from client: HostID, _ context: ProcessContext) {
        var routable = healthy
        if let admits { routable = zip(routable, picker.backends).map { $0 && admits($1) } }
        guard let i = picker.pick(client: client, healthy: routable) else {
            context.send(BalancerUnavailable(request: request, reason: "no healthy backend"), to: client)
            return
        }
        nextRequestId += 1
        pending[nextRequestId] = (client, i, request)
        picker.opened(i)
        context.send(ProxiedRequest(requestId: nextRequestId, client: client, request: request), to: picker.backends[i])
    }

    /// A connection broke: reopen it on the next send; a backend's requests in flight fail now, in id order.
    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        let isCurrent = connection == context.connection(to: peer)
        if isCurrent { context.closeConnection(to: peer) }
        guard let backend = picker.backends.firstIndex(of: peer) else { return }
        failPending(of: backend, reason: "backend connection lost", context)
        // Refused or reset: the check in flight on it fails now (a layer-4 error), not at its timeout.
        if isCurrent { finishCheck(backend, passed: false, context) }
    }

    /// Fails every request in flight to backend `i`, in id order.
    func failPending(of backend: Int, reason: String, _ context: ProcessContext) {
        for id in pending.keys.sorted() where pending[id]!.backend == backend {
            let entry = pending.removeValue(forKey: id)!
            picker.closed(backend)
            context.send(BalancerUnavailable(request: entry.request, reason: reason), to: entry.client)
        }
    }
}
