import Simulation

/// A ZooKeeper client library as a sans-IO state machine, meant to be embedded in the process of
/// whoever uses the ensemble (a scheduler server, a test workload).
///
/// Embedding: the hosting ``Process`` owns one `ZooKeeperClient` and forwards its inputs:
///
/// ```swift
/// func start(_ ctx: ProcessContext) { handle(zk.start(ctx)) }
/// func receive(_ m: any Message, from p: HostID, on c: ConnectionID, _ ctx: ProcessContext) {
///     if let events = zk.receive(m, from: p, on: c, ctx) { handle(events); return }
///     ... // the host's own messages
/// }
/// func timerFired(_ t: TimerID, tag: Int, _ ctx: ProcessContext) {
///     if let events = zk.timerFired(t, tag: tag, ctx) { handle(events); return }
///     ...
/// }
/// func connectionClosed(_ c: ConnectionID, peer: HostID, _ ctx: ProcessContext) {
///     if let events = zk.connectionClosed(c, peer: peer, ctx) { handle(events); return }
/// }
/// ```
///
/// Each entry point returns `nil` when the input is not the client's, or the events it produced
/// (possibly none). Requests (`submit`) return a ``RequestID`` whose ``ZooKeeperEvent/reply(_:_:_:)``
/// comes later, in submission order. The client uses timer tags `timerTagBase ..< timerTagBase + 3`;
/// keep the host's own tags outside that range.
///
/// Behaviour follows ZooKeeper's `ClientCnxn`: connect to a server of the connection string (an
/// attempt gives up after timeout / number of servers), ping after `readTimeout/2 − 1 s` without
/// sending, declare the connection lost exactly 2/3 of the timeout after last hearing from the
/// server, wait a random 0–1 s, move to the next server while the session lives (reporting
/// `disconnected` then `connected`), fail
/// the requests in flight with `.connectionLoss`, re-arm watches on the new server, and learn of
/// expiry only from a server — after which the session is never reused.
public final class ZooKeeperClient {
    enum Tag {
        static let ping = 0
        static let connectTimeout = 1
        static let retry = 2
    }

    public let servers: [HostID]
    /// The timeout asked for; the server's answer replaces it.
    public internal(set) var sessionTimeout: SimDuration
    public let timerTagBase: Int
    public internal(set) var state: SessionState = .connecting
    /// The session id, 0 before the first connect.
    public internal(set) var sessionID: SessionID = 0
    /// The highest zxid this client has seen; a server behind it refuses the client.
    public internal(set) var lastZxidSeen: Zxid = .zero

    var serverIndex = 0
    /// The server of the current attempt or connection, and that connection.
    var server: HostID?
    var connection: ConnectionID?
    var isLive = false
    var lastHeard: SimTime = .zero
    /// When the client last sent anything: pings go out after `pingInterval` of send idleness.
    var lastSent: SimTime = .zero
    /// `ClientCnxn`'s `!isFirstConnect`: later attempts wait a random 0–1 s first.
    var hasConnectedBefore = false
    /// `StaticHostProvider.lastIndex`: coming back to this server in the rotation costs a second.
    var lastConnectedIndex = 0
    /// Checks the read timeout and sends pings while connected.
    var pingTimer: TimerID?
    var connectTimer: TimerID?
    var retryTimer: TimerID?
    var nextCxid: Int64 = 0
    /// Requests sent on the live connection, awaiting answers in order.
    var inFlight: [(cxid: Int64, id: RequestID, op: Operation)] = []
    /// Requests submitted while not connected.
    var queued: [(id: RequestID, op: Operation)] = []
    var watches: Set<WatchRegistration> = []
    var closeRequested = false
    /// When each unanswered request was submitted, for latency metrics.
    var submittedAt: [RequestID: SimTime] = [:]

    public init(servers: [HostID], sessionTimeout: SimDuration, timerTagBase: Int = 1_000_000) {
        precondition(!servers.isEmpty, "a connection string needs servers")
        self.servers = servers
        self.sessionTimeout = sessionTimeout
        self.timerTagBase = timerTagBase
    }

    /// The server this client is connected to with a live session, if any (what its requests reach now).
    public var liveServer: HostID? { isLive ? server : nil }

    /// Whether the session may be used (`connected`, or `disconnected` and reconnecting).
    public var isAlive: Bool { state != .expired && state != .closed }

    /// Starts connecting, from a random server of the list (spreading clients, as ZooKeeper does).
    public func start(_ context: ProcessContext) -> [ZooKeeperEvent] {
        serverIndex = context.random { Int($0.next() % UInt64(servers.count)) }
        lastConnectedIndex = serverIndex
        attemptConnect(context)
        return []
    }

    /// Queues an operation; its reply comes as an event. Fails at once after expiry or close.
    public func submit(_ op: Operation, _ context: ProcessContext) -> (RequestID, [ZooKeeperEvent]) {
        nextCxid += 1
        let id = RequestID(value: nextCxid)
        guard isAlive, !closeRequested else { return (id, [.reply(id, op, .failure(.sessionExpired))]) }
        submittedAt[id] = context.now
        context.emit(ZooKeeperClientObservation.invoked(id, op))
        if isLive { send(id, op, context) } else { queued.append((id, op)) }
        return (id, [])
    }

    /// Closes the session: the ensemble deletes its ephemerals at once instead of after the timeout.
    public func close(_ context: ProcessContext) {
        guard isAlive, !closeRequested else { return }
        closeRequested = true
        if isLive, let server { context.send(ClientMessage.close(cxid: nextCxid + 1), to: server) }
    }

    /// Reports a finished request's latency to the run's observers.
    func completed(_ events: [ZooKeeperEvent], _ context: ProcessContext) -> [ZooKeeperEvent] {
        for case .reply(let id, let op, let result) in events {
            guard let start = submittedAt.removeValue(forKey: id) else { continue }
            context.emit(
                ZooKeeperClientObservation.completed(id, op, result, latency: context.now - start, zxidSeen: lastZxidSeen))
        }
        return events
    }

    func send(_ id: RequestID, _ op: Operation, _ context: ProcessContext) {
        guard let server else { preconditionFailure("sending with no server") }
        inFlight.append((id.value, id, op))
        context.send(ClientMessage.request(cxid: id.value, op), to: server)
        lastSent = context.now
    }
}
