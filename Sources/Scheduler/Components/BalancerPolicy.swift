import Simulation

/// How the load balancer picks a backend among the healthy ones.
public enum BalancerPolicy: String, Equatable, Sendable, Codable {
    /// Each healthy backend in turn.
    case roundRobin = "round-robin"
    /// In turn, in proportion to weights, interleaved (nginx's smooth weighted round-robin).
    case weightedRoundRobin = "weighted-round-robin"
    /// The healthy backend with the fewest requests in flight (ties: lowest index).
    case leastConnections = "least-connections"
    /// A stable hash of the client over the healthy backends: a client sticks to one backend while
    /// the healthy set does not change.
    case sourceHash = "source-hash"
}

/// The balancer's choice, with no I/O: backends, weights, in-flight counts and the policy's state.
public struct BackendPicker: Equatable, Sendable {
    public let policy: BalancerPolicy
    public let backends: [HostID]
    public let weights: [Int]
    /// Requests in flight per backend (least-connections).
    public private(set) var inFlight: [Int]
    var nextIndex = 0
    var currentWeights: [Int]

    public init(policy: BalancerPolicy, backends: [HostID], weights: [Int]? = nil) {
        precondition(!backends.isEmpty, "a balancer needs backends")
        let weights = weights ?? Array(repeating: 1, count: backends.count)
        precondition(weights.count == backends.count && weights.allSatisfy { $0 > 0 }, "one positive weight per backend")
        self.policy = policy
        self.backends = backends
        self.weights = weights
        self.inFlight = Array(repeating: 0, count: backends.count)
        self.currentWeights = Array(repeating: 0, count: backends.count)
    }

    /// The index of the backend for a request from `client`, or `nil` when none is healthy.
    public mutating func pick(client: HostID, healthy: [Bool]) -> Int? {
        let candidates = backends.indices.filter { healthy[$0] }
        guard !candidates.isEmpty else { return nil }
        switch policy {
        case .roundRobin:
            // The next healthy backend at or after the cursor, so a recovered backend rejoins in its turn.
            let chosen = (0..<backends.count).map { (nextIndex + $0) % backends.count }.first { healthy[$0] }!
            nextIndex = (chosen + 1) % backends.count
            return chosen
        case .weightedRoundRobin:
            let total = candidates.reduce(0) { $0 + weights[$1] }
            for i in candidates { currentWeights[i] += weights[i] }
            let chosen = candidates.max { currentWeights[$0] < currentWeights[$1] || (currentWeights[$0] == currentWeights[$1] && $0 > $1) }!
            currentWeights[chosen] -= total
            return chosen
        case .leastConnections:
            return candidates.min { inFlight[$0] < inFlight[$1] || (inFlight[$0] == inFlight[$1] && $0 < $1) }
        case .sourceHash:
            let hash = StableHash.fnv1a("client:\(client.index)")
            return candidates[Int(hash % UInt64(candidates.count))]
        }
    }

    /// A request went to backend `i`.
    public mutating func opened(_ i: Int) { inFlight[i] += 1 }
    /// A request to backend `i` was answered or failed.
    public mutating func closed(_ i: Int) {
        precondition(inFlight[i] > 0, "closing a request that was not open")
        inFlight[i] -= 1
    }
}
