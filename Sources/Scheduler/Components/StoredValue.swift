/// What a job-store row holds: a workflow or coordinator job as the scheduler wrote it, or the
/// plain text of the other tables (bundle rows, index markers, dataset instances).
///
/// Typed, not encoded: the scheduler hands the store the row it built and reads back the same
/// value, and the stored-state checker compares the values it is handed, with no encoding or
/// parsing on the way (JSON text cost about a quarter of a cluster run). Copies share storage.
public enum StoredValue: Equatable, Sendable, ExpressibleByStringLiteral {
    case workflow(JobRow)
    case coordinator(CoordinatorRow)
    case text(String)

    public init(stringLiteral text: String) { self = .text(text) }

    /// The workflow job row, if this is one.
    public var workflow: JobRow? {
        if case .workflow(let row) = self { return row }
        return nil
    }

    /// The coordinator job row, if this is one.
    public var coordinator: CoordinatorRow? {
        if case .coordinator(let row) = self { return row }
        return nil
    }

    /// The text, if this is a plain-text row.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
