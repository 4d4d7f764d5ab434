import Simulation

/// A workflow job as stored: its snapshot and when (by the writer's clock) it was last changed,
/// which the recovery service uses to find stuck jobs.
public struct JobRow: Codable, Equatable, Sendable {
    public var job: WorkflowJobSnapshot
    public var modifiedNanoseconds: Int64

    /// The store key of a job: `coord/<id>` for coordinators (ids ending in `-C`), `wf/<id>` otherwise.
    public static func key(_ jobId: String) -> String {
        (isCoordinator(jobId) ? "coord/" : "wf/") + jobId
    }

    /// Whether the id names a coordinator job.
    public static func isCoordinator(_ jobId: String) -> Bool { jobId.hasSuffix("-C") }

    public func encoded() -> String {
        "\(modifiedNanoseconds)\n" + job.encoded()
    }

    public static func decode(_ text: String) -> JobRow? {
        guard let newline = text.firstIndex(of: "\n"), let modified = Int64(text[..<newline]),
            let job = WorkflowJobSnapshot.decode(String(text[text.index(after: newline)...]))
        else { return nil }
        return JobRow(job: job, modifiedNanoseconds: modified)
    }
}

/// A coordinator job as stored, like ``JobRow``.
public struct CoordinatorRow: Equatable, Sendable {
    public var job: CoordinatorJobSnapshot
    public var modifiedNanoseconds: Int64

    public func encoded() -> String { "\(modifiedNanoseconds)\n" + job.encoded() }

    public static func decode(_ text: String) -> CoordinatorRow? {
        guard let newline = text.firstIndex(of: "\n"), let modified = Int64(text[..<newline]),
            let job = CoordinatorJobSnapshot.decode(String(text[text.index(after: newline)...]))
        else { return nil }
        return CoordinatorRow(job: job, modifiedNanoseconds: modified)
    }
}
