/// A status whose legal moves are listed per state; the job and action statuses of workflows and
/// coordinators. An illegal move traps in the engines and is a violation in the checkers.
public protocol StatusMachine: Hashable, Sendable {
    /// The states this one may move to in one step.
    var successors: [Self] { get }
}

extension StatusMachine {
    /// Whether one step may go from `self` to `next`.
    public func canMove(to next: Self) -> Bool { successors.contains(next) }

    /// No successors: the job or action is over.
    public var isTerminal: Bool { successors.isEmpty }

    /// Whether `end` follows `self` in one or more steps: one committed write may cover several
    /// (an action PREP → RUNNING → OK when its completion comes first; a suspended job resumed
    /// and finished by the same command).
    public func canReach(_ end: Self) -> Bool {
        var seen: Set<Self> = [self]
        var frontier = [self]
        while let state = frontier.popLast() {
            for next in state.successors where seen.insert(next).inserted {
                if next == end { return true }
                frontier.append(next)
            }
        }
        return false
    }
}
