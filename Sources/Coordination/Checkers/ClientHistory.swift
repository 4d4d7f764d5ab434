import Simulation

/// One client operation of a run: invocation, and response if one came.
public struct HistoryOperation: Sendable, CustomStringConvertible {
    public let client: HostID
    public let request: RequestID
    public let op: Operation
    public let invokedAt: SimTime
    /// When the answer came; nil while pending, and for outcomes that stay unknown.
    public var returnedAt: SimTime?
    /// The answer; nil while pending or when the connection was lost (outcome unknown).
    public var result: Result<Reply, ZKError>?

    /// Whether the operation's effect is unknown (no answer, or the connection was lost).
    public var isIndeterminate: Bool { result == nil }

    public init(
        client: HostID, request: RequestID, op: Operation, invokedAt: SimTime, returnedAt: SimTime? = nil,
        result: Result<Reply, ZKError>? = nil
    ) {
        self.client = client
        self.request = request
        self.op = op
        self.invokedAt = invokedAt
        self.returnedAt = returnedAt
        self.result = result
    }

    public var description: String {
        let outcome = result.map { "\($0)" } ?? "unknown"
        let end = returnedAt.map { "\($0)" } ?? "∞"
        return "\(client) #\(request.value) \(op) [\(invokedAt) … \(end)] → \(outcome)"
    }
}

/// Records every client operation from the clients' observations, and checks on the fly that
/// each client's answers never go back in zxid order (ZooKeeper's sequential consistency per
/// session: a client never sees older state than it has seen, even after moving servers).
/// Not thread-safe.
public final class ClientHistory: Observer {
    public private(set) var operations: [HistoryOperation] = []
    public private(set) var violations: [InvariantViolation] = []
    private var index: [HostID: [RequestID: Int]] = [:]
    private var lastSeen: [HostID: Zxid] = [:]

    public init() {}

    /// Liveness: every operation invoked after `healedAt` (or still pending then) must have an
    /// answer within `bound` of the later of its invocation and the heal. Clients whose session
    /// ended are exempt (their pending operations were failed).
    public func checkCompletion(healedAt: SimTime, bound: SimDuration, now: SimTime) {
        for (host, pending) in index.sorted(by: { $0.key < $1.key }) {
            for i in pending.values.sorted() {
                let op = operations[i]
                let due = max(op.invokedAt, healedAt) + bound
                if now > due {
                    violations.append(
                        InvariantViolation(name: "request-completes", message: "\(op) still pending \(bound) after the heal", time: now, host: host))
                }
            }
        }
    }

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case ZooKeeperClientObservation.invoked(let id, let op):
            index[host, default: [:]][id] = operations.count
            operations.append(HistoryOperation(client: host, request: id, op: op, invokedAt: time))
        case ZooKeeperClientObservation.completed(let id, _, let result, _, let zxid):
            guard let i = index[host]?.removeValue(forKey: id) else { return }
            if case .failure(.connectionLoss) = result { return }  // unknown: may still take effect
            operations[i].returnedAt = time
            operations[i].result = result
            if let seen = lastSeen[host], zxid < seen {
                violations.append(
                    InvariantViolation(name: "session-order", message: "client saw \(zxid) after \(seen)", time: time, host: host))
            }
            lastSeen[host] = zxid
        case HostEvent.crashed:
            index[host] = nil  // its pending operations stay unknown
        default: break
        }
    }
}
