import Simulation

/// A health check from the balancer; a live backend answers with ``HealthReply``.
public struct HealthCheck: Message, Equatable, Sendable {
    public var round: Int64
    public static let kind = MessageKind("HEALTH_CHECK")
    public var kind: MessageKind { Self.kind }
    public init(round: Int64) {
        self.round = round
    }
}

/// A backend's answer to a health check.
public struct HealthReply: Message, Equatable, Sendable {
    public var round: Int64
    public static let kind = MessageKind("HEALTH_REPLY")
    public var kind: MessageKind { Self.kind }
    public init(round: Int64) { self.round = round }
}

/// A client's request forwarded to a backend; the backend answers with ``ProxiedReply`` carrying the same id.
public struct ProxiedRequest: Message {
    public var requestId: Int64
    public var client: HostID
    public var request: any Message
    public var kind: MessageKind { request.kind.enveloped(in: "PROXIED:") }
}

/// A backend's answer to a proxied request; the balancer passes `reply` on to the client.
public struct ProxiedReply: Message {
    public var requestId: Int64
    public var reply: any Message
    public var kind: MessageKind { reply.kind.enveloped(in: "PROXIED_REPLY:") }
    public init(requestId: Int64, reply: any Message) {
        self.requestId = requestId
        self.reply = reply
    }
}

/// The balancer could not serve a request: no healthy backend, or the backend's connection broke.
public struct BalancerUnavailable: Message {
    /// The request that failed, as the client sent it (as an HTTP 503 answers that very request),
    /// so a client with several requests out knows which one to retry.
    public var request: any Message
    public var reason: String
    public static let kind = MessageKind("BALANCER_UNAVAILABLE")
    public var kind: MessageKind { Self.kind }
    public init(request: any Message, reason: String) {
        self.request = request
        self.reason = reason
    }
}

/// A backend's health changed in the balancer's view.
public struct BalancerObservation: Observation, Equatable, Sendable {
    public var backend: HostID
    public var healthy: Bool
    public init(backend: HostID, healthy: Bool) {
        self.backend = backend
        self.healthy = healthy
    }
}

extension Message {
    /// Answers a balancer's health check, if this message is one; backends call it first in `receive`.
    public func answerHealthCheck(from peer: HostID, _ context: ProcessContext) -> Bool {
        guard let check = self as? HealthCheck else { return false }
        context.send(HealthReply(round: check.round), to: peer)
        return true
    }
}
