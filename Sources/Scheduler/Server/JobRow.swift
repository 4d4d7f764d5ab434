import Simulation

/// A workflow job as stored: its snapshot and when (by the writer's clock) it was last changed,
/// which the recovery service uses to find stuck jobs.
public struct JobRow: Codable, Equatable, Sendable {
    public var job: WorkflowJobSnapshot
    public var modifiedNanoseconds: Int64

    public static func key(_ jobId: String) -> String { "wf/" + jobId }

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
