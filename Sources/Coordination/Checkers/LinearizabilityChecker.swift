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
    ///
    /// Depth-first, with an explicit stack rather than recursion: a long history goes one level
    /// deeper per operation, which overflowed a test thread's stack.
    mutating func run() -> Bool? {
        var done = [Bool](repeating: false, count: ops.count)
        var stack: [(moves: [Move], next: Int)] = []
        switch visit(done, .absent) {
        case .finished(let found): return found
        case .moves(let moves): stack.append((moves, 0))
        }
        while let top = stack.last {
            if top.next > 0 {  // back from the move made last from this frame
                done[top.moves[top.next - 1].op] = false
                prefix.removeLast()
            }
            guard top.next < top.moves.count else {
                stack.removeLast()
                continue
            }
            let move = top.moves[top.next]
            stack[stack.count - 1].next += 1
            done[move.op] = true
            prefix.append(move.op)
            if prefix.count > bestPrefix.count { bestPrefix = prefix }
            switch visit(done, move.state) {
            case .finished(false): continue
            case .finished(let found): return found
            case .moves(let moves): stack.append((moves, 0))
            }
        }
        return false
    }

    /// One step of the search: linearizing `ops[op]` next leads to `state`.
    private struct Move {
        var op: Int
        var state: ZnodeModel
    }

    private enum Visit {
        case finished(Bool?)
        case moves([Move])
    }

    /// What can follow `done` in `state`: every operation that may go next (no pending operation
    /// returned before it was invoked), with each state it can lead to, in operation order.
    private mutating func visit(_ done: [Bool], _ state: ZnodeModel) -> Visit {
        let definiteLeft = ops.indices.contains { !done[$0] && !ops[$0].isIndeterminate }
        if !definiteLeft { return .finished(true) }
        guard seen.insert(Key(done: done, state: state)).inserted else { return .finished(false) }
        budget -= 1
        if budget < 0 { return .finished(nil) }
        var earliestReturn = SimTime.distantFuture
        for i in ops.indices where !done[i] { earliestReturn = min(earliestReturn, ops[i].returnedAt ?? .distantFuture) }
        var moves: [Move] = []
        for i in ops.indices where !done[i] && ops[i].invokedAt < earliestReturn {
            for next in state.next(ops[i].op, ops[i].result) { moves.append(Move(op: i, state: next)) }
        }
        return .moves(moves)
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
