import Simulation

/// One node of a workflow app's graph, as Oozie's workflow language defines it.
///
/// The graph is a strict DAG (Oozie's `WorkflowFunctionalSpec` §2): control nodes (start, end,
/// kill, fork, join, decision) steer the job, action nodes do the work on the external compute
/// service. Transitions name their target node; ``WorkflowValidator`` checks that they resolve.
public struct WorkflowNode: Equatable, Sendable {
    /// The node's name, unique within the app.
    public var name: String
    /// What the node does and where it goes next.
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The kinds of node. `start` is not a node here: the app's ``WorkflowDefinition/start`` names
    /// the first node, as Oozie's `<start to="..."/>` does.
    public enum Kind: Equatable, Sendable {
        /// The job ends SUCCEEDED; actions still running are killed.
        case end
        /// The job ends KILLED with this message.
        case kill(message: String)
        /// Work on the compute service, with its ok and error transitions and user retries.
        case action(WorkflowActionSpec)
        /// Starts every path at once; the paths meet again at one join.
        case fork(paths: [String])
        /// Waits for every path of its fork, then goes to `to`.
        case join(to: String)
        /// Goes to the first case whose predicate holds, else to `defaultTo`.
        case decision(cases: [DecisionCase], defaultTo: String)
    }

    /// The kind's name as Oozie's XML spells it.
    public var kindName: String {
        switch kind {
        case .end: return "end"
        case .kill: return "kill"
        case .action: return "action"
        case .fork: return "fork"
        case .join: return "join"
        case .decision: return "decision"
        }
    }

    /// Every node this one may go to, in definition order (ok before error, cases before default).
    public var transitions: [String] {
        switch kind {
        case .end, .kill: return []
        case .action(let spec): return [spec.ok, spec.error]
        case .fork(let paths): return paths
        case .join(let to): return [to]
        case .decision(let cases, let defaultTo): return cases.map(\.to) + [defaultTo]
        }
    }
}

/// An action node's settings.
public struct WorkflowActionSpec: Equatable, Sendable {
    /// The action type as written (map-reduce, shell, java, ...). The simulator runs every type as
    /// simulated work with the scenario's duration and failure distributions.
    public var type: String
    /// The node to go to when the action succeeds.
    public var ok: String
    /// The node to go to when the action fails for good (after its retries).
    public var error: String
    /// User retries on a transient error (Oozie's `retry-max`, default 0).
    public var retryMax: Int
    /// Wait before a user retry (Oozie's `retry-interval`, written in minutes in XML).
    public var retryInterval: SimDuration

    public init(type: String, ok: String, error: String, retryMax: Int = 0, retryInterval: SimDuration = .minutes(10)) {
        self.type = type
        self.ok = ok
        self.error = error
        self.retryMax = retryMax
        self.retryInterval = retryInterval
    }
}

/// One `case` of a decision: where to go when its predicate holds.
public struct DecisionCase: Equatable, Sendable {
    /// The node to go to.
    public var to: String
    /// When to go there.
    public var predicate: DecisionPredicate

    public init(to: String, predicate: DecisionPredicate) {
        self.to = to
        self.predicate = predicate
    }
}

/// What a decision case tests. Oozie writes cases as EL expressions; the simulator understands the
/// common forms over workflow variables and adds a seeded draw, so a scenario can send a fraction of
/// jobs down a branch reproducibly.
public enum DecisionPredicate: Equatable, Sendable {
    /// Holds when the variable equals the value (`${x eq 'v'}`, `${wf:conf('x') eq 'v'}`).
    case equals(variable: String, value: String)
    /// Holds when the variable is unset or differs from the value (`${x ne 'v'}`).
    case notEquals(variable: String, value: String)
    /// A constant (`${true}`, `${false}`).
    case constant(Bool)
    /// Holds with this probability, drawn from the job's own seeded stream when the case is evaluated.
    case draw(probability: Double)
    /// An EL expression the simulator cannot evaluate; it never holds, so the decision falls through
    /// to later cases or the default. `nines workflow show` prints it so users can see the fallback.
    case unsupported(expression: String)

    /// The predicate as readable text.
    public var text: String {
        switch self {
        case .equals(let v, let value): return "\(v) == '\(value)'"
        case .notEquals(let v, let value): return "\(v) != '\(value)'"
        case .constant(let b): return b ? "true" : "false"
        case .draw(let p): return "draw < \(p)"
        case .unsupported(let e): return "unsupported \(e) (never holds)"
        }
    }
}
