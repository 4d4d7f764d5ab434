import Simulation

/// A user's scheduling script as a client process: at start it submits every coordinator and
/// bundle through the balancer, retrying each with a timeout and exponential backoff until one
/// send is accepted, then asks for the status of every adopted job each `followInterval` until all
/// are over. It reports what it sees as ``WorkloadObservation``s.
///
/// Oozie's submit is not idempotent: when a server commits a job and fails over before its reply
/// arrives, the user cannot tell that submission from one that never arrived, and the retry creates
/// a second coordinator that runs every nominal time again. This client retries as such a user's
/// script does. It adopts the first job accepted for each submission and reports a later acceptance
/// as a ``WorkloadObservation/duplicate(app:jobId:)`` (it does not kill it: the user may not notice
/// either). A duplicate whose reply never arrived is invisible to the client; count those from the
/// servers' acknowledgements. A restart of the client host starts the script again, as a rerun would.
public final class WorkloadClient: Process {
    /// One thing to submit.
    public struct Submission: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case coordinator, bundle }
        public var kind: Kind
        /// The coordinator or bundle app's name.
        public var app: String
        public init(kind: Kind, app: String) {
            self.kind = kind
            self.app = app
        }
    }

    /// Timeouts and pacing.
    public struct Settings: Equatable, Sendable {
        /// A request unanswered after this has failed.
        public var requestTimeout: SimDuration = .seconds(10)
        /// The wait before the first retry; doubled after each failure, up to `maxBackoff`.
        public var retryBackoff: SimDuration = .seconds(5)
        public var maxBackoff: SimDuration = .minutes(5)
        /// How often adopted jobs are asked for their status.
        public var followInterval: SimDuration = .minutes(5)
        public init() {}
    }

    enum Pending {
        case submit(Int)
        case info(Int)
    }

    let balancer: HostID
    let submissions: [Submission]
    let settings: Settings
    var nextRequestId: Int64 = 0
    /// Requests not yet answered, with their timeout timer (nil once it fired: a timed-out submit's
    /// late reply may still come, and tells of a duplicate).
    var pending: [Int64: (request: Pending, timer: TimerID?)] = [:]
    var timeouts: [TimerID: Int64] = [:]
    var retryTimers: [Int: TimerID] = [:]
    var attempts: [Int]
    var firstSentAt: [SimTime?]
    /// The job adopted for each submission, in the submissions' order.
    public private(set) var jobs: [String?]
    /// The last status seen of each adopted job.
    public private(set) var statuses: [CoordinatorJobStatus?]

    static let followTag = 0
    static let timeoutTag = 1
    static let retryTagBase = 2

    public init(balancer: HostID, submissions: [Submission], settings: Settings = Settings()) {
        self.balancer = balancer
        self.submissions = submissions
        self.settings = settings
        attempts = submissions.map { _ in 0 }
        firstSentAt = submissions.map { _ in nil }
        jobs = submissions.map { _ in nil }
        statuses = submissions.map { _ in nil }
    }

    public func start(_ context: ProcessContext) {
        for index in submissions.indices { submit(index, context) }
        context.setTimer(after: settings.followInterval, tag: Self.followTag)
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        switch tag {
        case Self.followTag:
            follow(context)
        case Self.timeoutTag:
            guard let requestId = timeouts.removeValue(forKey: timer), let request = pending[requestId]?.request else { return }
            pending[requestId]?.timer = nil
            switch request {
            case .submit(let index): failed(index, context)
            // Status requests are not retried: the next round asks again.
            case .info: pending[requestId] = nil
            }
        default:
            let index = tag - Self.retryTagBase
            retryTimers[index] = nil
            if jobs[index] == nil { submit(index, context) }
        }
    }

    func submit(_ index: Int, _ context: ProcessContext) {
        attempts[index] += 1
        if firstSentAt[index] == nil { firstSentAt[index] = context.now }
        let app = submissions[index].app
        let operation: SchedulerOperation =
            submissions[index].kind == .coordinator ? .submitCoordinator(app: app) : .submitBundle(app: app)
        send(operation, .submit(index), context)
    }

    func follow(_ context: ProcessContext) {
        let live = submissions.indices.filter { jobs[$0] == nil || !(statuses[$0]?.isTerminal ?? false) }
        for index in live {
            if let job = jobs[index] { send(.info(jobId: job), .info(index), context) }
        }
        if !live.isEmpty { context.setTimer(after: settings.followInterval, tag: Self.followTag) }
    }

    func send(_ operation: SchedulerOperation, _ request: Pending, _ context: ProcessContext) {
        nextRequestId += 1
        context.send(SchedulerRequest(requestId: nextRequestId, operation: operation), to: balancer)
        let timer = context.setTimer(after: settings.requestTimeout, tag: Self.timeoutTag)
        pending[nextRequestId] = (request, timer)
        timeouts[timer] = nextRequestId
    }

    /// Forgets an answered request and its timeout.
    func close(_ requestId: Int64, _ context: ProcessContext) -> Pending? {
        guard let entry = pending.removeValue(forKey: requestId) else { return nil }
        if let timer = entry.timer {
            context.cancelTimer(timer)
            timeouts[timer] = nil
        }
        return entry.request
    }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        switch message {
        case let reply as SchedulerReply:
            guard let request = close(reply.requestId, context) else { return }
            answered(request, reply.result, context)
        case let refusal as BalancerUnavailable:
            guard let refused = refusal.request as? SchedulerRequest, let entry = pending[refused.requestId] else { return }
            let stillWaiting = entry.timer != nil  // a request that timed out is being retried already
            guard case .submit(let index)? = close(refused.requestId, context), stillWaiting else { return }
            failed(index, context)
        default: return
        }
    }

    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    func answered(_ request: Pending, _ result: SchedulerReply.Result, _ context: ProcessContext) {
        let id: String, status: CoordinatorJobStatus
        switch result {
        case .coordinator(let job, let s): (id, status) = (job, s)
        case .bundle(let job, let s, _): (id, status) = (job, s)
        default:
            if case .submit(let index) = request, jobs[index] == nil, retryTimers[index] == nil { failed(index, context) }
            return
        }
        switch request {
        case .submit(let index):
            let app = submissions[index].app
            guard jobs[index] == nil else {
                if jobs[index] != id { context.emit(WorkloadObservation.duplicate(app: app, jobId: id)) }
                return
            }
            if let timer = retryTimers.removeValue(forKey: index) { context.cancelTimer(timer) }
            jobs[index] = id
            context.emit(WorkloadObservation.accepted(
                app: app, jobId: id, attempts: attempts[index], latency: context.now - firstSentAt[index]!))
            record(index, status, context)
        case .info(let index):
            record(index, status, context)
        }
    }

    func record(_ index: Int, _ status: CoordinatorJobStatus, _ context: ProcessContext) {
        guard statuses[index] != status, let job = jobs[index] else { return }
        statuses[index] = status
        context.emit(WorkloadObservation.status(app: submissions[index].app, jobId: job, status: status))
    }

    /// A send of submission `index` failed: retry after the backoff, unless a retry is already set.
    func failed(_ index: Int, _ context: ProcessContext) {
        guard jobs[index] == nil, retryTimers[index] == nil else { return }
        let doublings = min(attempts[index] - 1, 16)
        let delay = min(settings.retryBackoff * Int64(1 << doublings), settings.maxBackoff)
        context.emit(WorkloadObservation.submitFailed(app: submissions[index].app, attempt: attempts[index], retryIn: delay))
        retryTimers[index] = context.setTimer(after: delay, tag: Self.retryTagBase + index)
    }
}
