/// One action of a running job: its state, its attempts and its current launch id.
public struct WorkflowActionRecord: Equatable, Sendable, Codable {
    /// The action node's name.
    public let name: String
    /// The action's type.
    public let type: String
    /// The action's state.
    public internal(set) var status: WorkflowActionStatus = .prep
    /// Launch attempts made for user retries so far, starting at 1.
    public internal(set) var attempt = 1
    /// User retries spent (≤ retry-max).
    public internal(set) var userRetries = 0
    /// System retries of a failed launch spent (≤ the engine's maximum).
    public internal(set) var startRetries = 0
    /// `jobId@name@attempt`.
    public internal(set) var launchId: String

    init(jobId: String, name: String, type: String) {
        self.name = name
        self.type = type
        self.launchId = "\(jobId)@\(name)@1"
    }

    /// Moves to `next`; an illegal transition is a bug in the engine and traps.
    mutating func move(to next: WorkflowActionStatus) {
        precondition(status.canMove(to: next), "action \(name): illegal transition \(status.rawValue) → \(next.rawValue)")
        status = next
    }
}
