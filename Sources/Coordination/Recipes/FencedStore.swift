import Simulation

/// A write guarded by a fencing token.
public struct FencedWrite: Message, Sendable {
    public var token: Zxid
    public var value: String
    public init(token: Zxid, value: String) { self.token = token; self.value = value }
    public static let kind = MessageKind("FENCED-WRITE")
    public var kind: MessageKind { Self.kind }
}

/// The store's answer: accepted, or rejected because a holder with a larger token already wrote.
public struct FencedWriteResult: Message, Sendable {
    public var token: Zxid
    public var accepted: Bool
    public static let kind = MessageKind("FENCED-WRITE-RESULT")
    public var kind: MessageKind { Self.kind }
}

/// A resource that rejects writes whose token is smaller than the largest it has accepted: the
/// other half of fencing. The lock alone cannot stop a paused ex-holder; this check can.
public final class FencedStore: Process {
    public private(set) var highestToken = Zxid.zero
    /// Every write in arrival order, with whether it was accepted.
    public private(set) var history: [(from: HostID, token: Zxid, value: String, accepted: Bool)] = []

    public init() {}

    public func start(_ context: ProcessContext) {}

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        guard let write = message as? FencedWrite else { return }
        let accepted = write.token >= highestToken
        if accepted { highestToken = write.token }
        history.append((peer, write.token, write.value, accepted))
        context.trace("fenced.write", "\(peer) token \(write.token) \(accepted ? "accepted" : "rejected")")
        context.send(FencedWriteResult(token: write.token, accepted: accepted), to: peer)
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {}
}
