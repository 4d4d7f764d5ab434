import Simulation

/// Checks that a run's writes are linearizable, znode by znode (Wing & Gong's search with
/// Lowe's memoisation, as in Porcupine).
///
/// ZooKeeper promises linearizable writes, not reads: a read served by a lagging follower may be
/// stale, and `sync` followed by a read is not linearizable either (Jepsen). So only writes are
/// checked here; reads are checked for per-session order by ``ClientHistory``. Partitioning by
/// znode keeps the search small: writes to different znodes commute in this model. Sequential
/// creates are skipped (their path is chosen by the leader and never conflicts).
public enum LinearizabilityChecker {
    /// The verdict for one znode.
    public enum Verdict: Sendable {
        case linearizable
        /// No order explains the answers. `witness` is a shrunk part of the znode's history that
        /// still has no order, and `longestPrefix` the longest prefix the full search could order.
        case violation(path: String, witness: [HistoryOperation], longestPrefix: [HistoryOperation])
        /// The search gave up after `budget` steps.
        case inconclusive(path: String)
    }

    /// Checks every znode's writes; returns the first failing verdicts (empty when all pass).
    public static func check(_ history: [HistoryOperation], budget: Int = 200_000) -> [Verdict] {
        var byPath: [String: [HistoryOperation]] = [:]
        for op in history where op.op.isWrite {
            if case .create(_, _, let mode) = op.op, mode.isSequential { continue }
            if case .failure(.sessionExpired)? = op.result { continue }  // rejected before ordering
            byPath[op.op.path, default: []].append(op)
        }
        var failures: [Verdict] = []
        for path in byPath.keys.sorted() {
            switch checkPath(path, byPath[path]!, budget: budget) {
            case .linearizable: break
            case let verdict: failures.append(verdict)
            }
        }
        return failures
    }

    static func checkPath(_ path: String, _ ops: [HistoryOperation], budget: Int) -> Verdict {
        var search = Search(ops: ops.sorted { $0.invokedAt < $1.invokedAt }, budget: budget)
        switch search.run() {
        case .some(true): return .linearizable
        case .some(false):
            return .violation(path: path, witness: shrink(search.ops, budget: budget), longestPrefix: search.bestPrefix.map { search.ops[$0] })
        case .none: return .inconclusive(path: path)
        }
    }
}

extension LinearizabilityChecker {
    /// Drops operations, latest first, while the rest still has no linearization: what is left is
    /// a witness from which no single operation can be removed (a one-pass greedy shrink).
    static func shrink(_ ops: [HistoryOperation], budget: Int) -> [HistoryOperation] {
        guard ops.count <= 200 else { return ops }
        var kept = ops
        for i in kept.indices.reversed() {
            var candidate = kept
            candidate.remove(at: i)
            var search = Search(ops: candidate, budget: budget)
            if search.run() == false { kept = candidate }
        }
        return kept
    }
}

/// The depth-first search over linearization orders of one znode's operations.
struct Search {
    let ops: [HistoryOperation]
    var budget: Int
    var seen: Set<Key> = []
    var bestPrefix: [Int] = []
    var prefix: [Int] = []

    struct Key: Hashable {
        var done: [Bool]
        var state: ZnodeModel
    }

    init(ops: [HistoryOperation], budget: Int) {
        self.ops = ops
        self.budget = budget
    }

    /// Whether some order explains the history; nil when the budget ran out.
    mutating func run() -> Bool? {
        var done = [Bool](repeating: false, count: ops.count)
        return explore(&done, .absent)
    }

    private mutating func explore(_ done: inout [Bool], _ state: ZnodeModel) -> Bool? {
        let definiteLeft = ops.indices.contains { !done[$0] && !ops[$0].isIndeterminate }
        if !definiteLeft { return true }
        guard seen.insert(Key(done: done, state: state)).inserted else { return false }
        budget -= 1
        if budget < 0 { return nil }
        // An operation may go next only if no pending operation returned before it was invoked.
        var earliestReturn = SimTime.distantFuture
        for i in ops.indices where !done[i] { earliestReturn = min(earliestReturn, ops[i].returnedAt ?? .distantFuture) }
        for i in ops.indices where !done[i] && ops[i].invokedAt < earliestReturn {
            for next in state.next(ops[i].op, ops[i].result) {
                done[i] = true
                prefix.append(i)
                if prefix.count > bestPrefix.count { bestPrefix = prefix }
                let found = explore(&done, next)
                prefix.removeLast()
                done[i] = false
                if found != false { return found }
            }
        }
        return false
    }
}

extension LinearizabilityChecker.Verdict: CustomStringConvertible {
    /// A readable report: the znode, then the witness operations one per line.
    public var description: String {
        switch self {
        case .linearizable: return "linearizable"
        case .inconclusive(let path): return "\(path): search budget exhausted"
        case .violation(let path, let witness, _):
            return "\(path): not linearizable; minimal witness:\n" + witness.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
