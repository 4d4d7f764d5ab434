import Simulation

/// Settings of the load balancer's health checks (HAProxy's `inter`, `fall`, `rise`).
public struct HealthCheckSettings: Equatable, Sendable {
    /// Time between check rounds; a check not answered by the next round has failed.
    public var interval: SimDuration
    public var fall: Int
    public var rise: Int

    public init(interval: SimDuration = .seconds(2), fall: Int = 3, rise: Int = 2) {
        self.interval = interval
        self.fall = fall
        self.rise = rise
    }
}

/// A load balancer as a kernel process: health-checks its backends and forwards each client
/// request to one healthy backend by its policy, passing the answer back. It can crash like any
/// host; it keeps no durable state, so it restarts with every backend presumed healthy.
public final class LoadBalancer: Process {
    let health: HealthCheckSettings
    var picker: BackendPicker
    var trackers: [HealthTracker]
    var answered: [Bool]
    var round: Int64 = 0
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
        self.answered = backends.map { _ in true }
    }

    /// Which backends the balancer currently believes healthy.
    public var healthy: [Bool] { trackers.map(\.isHealthy) }

    public func start(_ context: ProcessContext) { checkRound(context) }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) { checkRound(context) }

    /// Scores the previous round (a missing answer is a failure) and sends the next one.
    func checkRound(_ context: ProcessContext) {
        if round > 0 {
            for i in trackers.indices where trackers[i].record(passed: answered[i]) {
                context.emit(BalancerObservation(backend: picker.backends[i], healthy: trackers[i].isHealthy))
                context.trace("backend-" + (trackers[i].isHealthy ? "up" : "down"), "\(picker.backends[i])")
                // A backend that went silent (paused, partitioned) never answers what it holds: fail it now,
                // or least-connections would count those requests against it forever.
                if !trackers[i].isHealthy { failPending(of: i, reason: "backend marked down", context) }
            }
        }
        round += 1
        for (i, backend) in picker.backends.enumerated() {
            answered[i] = false
            context.send(HealthCheck(round: round), to: backend)
        }
        context.setTimer(after: health.interval)
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        switch message {
        case let reply as HealthReply:
            if reply.round == round, let i = picker.backends.firstIndex(of: peer) { answered[i] = true }
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
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
        guard let backend = picker.backends.firstIndex(of: peer) else { return }
        failPending(of: backend, reason: "backend connection lost", context)
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
