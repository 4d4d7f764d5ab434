import Simulation

/// A client that measures availability as users see it: every `interval` it sends one request
/// (a submit, or an info on the job its first submit created) through the balancer or to the
/// server it believes leads, and counts a success when a correct answer arrives within `timeout`.
///
/// In active-standby mode it follows "not the leader" answers and timeouts to the next server, as
/// a client with a server list does. Each result is emitted as a ``ProbeObservation``.
public final class AvailabilityProbe: Process {
    /// Where requests go.
    public enum Target: Sendable {
        case balancer(HostID)
        case servers([HostID])
    }

    /// What a probe asks.
    public enum Request: Sendable { case submit(app: String), info(app: String) }

    let target: Target
    let request: Request
    let interval: SimDuration
    let timeout: SimDuration
    var serverIndex = 0
    var nextRequestId: Int64 = 0
    var outstanding: [Int64: (sentAt: SimTime, host: HostID, timer: TimerID)] = [:]
    /// Hosts whose last request timed out: the next request to one opens a new connection.
    var reconnect: Set<HostID> = []
    var knownJob: String?
    /// Results so far.
    public private(set) var successes = 0
    public private(set) var failures = 0

    public init(target: Target, request: Request, interval: SimDuration = .seconds(10), timeout: SimDuration = .seconds(5)) {
        self.target = target
        self.request = request
        self.interval = interval
        self.timeout = timeout
    }

    static let probeTag = 0
    static let timeoutTag = 1

    public func start(_ context: ProcessContext) { context.setTimer(after: interval, tag: Self.probeTag) }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if tag == Self.probeTag {
            context.setTimer(after: interval, tag: Self.probeTag)
            return send(context)
        }
        guard let id = outstanding.first(where: { $0.value.timer == timer })?.key else { return }
        reconnect.insert(outstanding.removeValue(forKey: id)!.host)
        record(false, sentAt: nil, context)
        advanceServer()
    }

    func send(_ context: ProcessContext) {
        nextRequestId += 1
        let operation: SchedulerOperation
        switch request {
        case .submit(let app): operation = .submit(app: app, variables: [:], start: true)
        case .info(let app):
            operation = knownJob.map { .info(jobId: $0) } ?? .submit(app: app, variables: [:], start: true)
        }
        let host: HostID
        switch target {
        case .balancer(let balancer): host = balancer
        case .servers(let servers): host = servers[serverIndex % servers.count]
        }
        // A client that timed out gives up its connection, as an HTTP client with a timeout does
        // (curl's --max-time, a monitoring check): the next request opens a new one, so a
        // connection a partition broke does not outlive the partition. Closed here, not at the
        // timeout, so a request sent at the same instant is not lost with it.
        if reconnect.remove(host) != nil { context.closeConnection(to: host) }
        context.send(SchedulerRequest(requestId: nextRequestId, operation: operation), to: host)
        outstanding[nextRequestId] = (context.now, host, context.setTimer(after: timeout, tag: Self.timeoutTag))
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        let requestId: Int64
        let success: Bool
        switch message {
        case let reply as SchedulerReply:
            requestId = reply.requestId
            if case .job(let id, _) = reply.result {
                success = true
                if knownJob == nil { knownJob = id }
            } else {
                success = false
            }
        case let refusal as BalancerUnavailable:
            guard let refused = refusal.request as? SchedulerRequest else { return }
            requestId = refused.requestId
            success = false
        default: return
        }
        guard let entry = outstanding.removeValue(forKey: requestId) else { return }
        context.cancelTimer(entry.timer)
        record(success, sentAt: entry.sentAt, context)
        if !success { advanceServer() }
    }

    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    func advanceServer() { serverIndex += 1 }

    func record(_ success: Bool, sentAt: SimTime?, _ context: ProcessContext) {
        if success { successes += 1 } else { failures += 1 }
        context.emit(ProbeObservation(success: success, latency: sentAt.map { context.now - $0 }))
    }
}

/// One probe's result: a correct answer in time, or not (`latency` is `nil` on a timeout).
public struct ProbeObservation: Observation, Equatable, Sendable {
    public var success: Bool
    public var latency: SimDuration?
    public init(success: Bool, latency: SimDuration?) {
        self.success = success
        self.latency = latency
    }
}
