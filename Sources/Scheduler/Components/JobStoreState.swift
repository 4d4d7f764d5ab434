/// The job store's data and its rules, with no I/O: rows with versions, and the highest fencing
/// token seen per scope.
///
/// Optimistic concurrency: a writer reads a row's version and commits only if it is unchanged —
/// the database's half of "every command = load → precondition → mutate" (Oozie holds a ZooKeeper
/// lock for the other half). Fencing, when on, makes the store itself refuse a writer that lost
/// its lock or leadership without knowing it; Oozie has no such check, so it is off by default.
public struct JobStoreState: Equatable, Sendable {
    public private(set) var rows: [String: StoredRow] = [:]
    /// Keys by their first path segment (`"wf/"`, `"active/"`, ...), so a scan of a segment-aligned
    /// prefix touches only that segment's rows, not the whole table.
    private var segments: [String: Set<String>] = [:]
    public private(set) var highestTokens: [String: FencingToken] = [:]
    /// Finished top-level workflows by end time, for the purge.
    private var finished = FinishedIndex()
    /// Whether stale tokens are rejected.
    public let fencing: Bool
    /// Transactions committed so far.
    public private(set) var commits = 0

    public init(fencing: Bool) { self.fencing = fencing }

    /// The rows with these keys that exist, in the order asked.
    public func read(_ keys: [String]) -> [StoredRow] { keys.compactMap { rows[$0] } }

    /// Every row whose key starts with `prefix`, sorted by key (never in hash order).
    public func scan(prefix: String) -> [StoredRow] {
        guard let segment = Self.segment(prefix) else {
            return rows.values.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
        }
        return (segments[segment] ?? []).filter { $0.hasPrefix(prefix) }.sorted().map { rows[$0]! }
    }

    /// The rows of up to `limit` finished top-level workflows that ended before `cutoff`, oldest
    /// first: Oozie's purge query (`WorkflowJobsGetForPurgeJPAExecutor`).
    public mutating func finishedWorkflows(endedBefore cutoffNanoseconds: Int64, limit: Int) -> [StoredRow] {
        let rows = self.rows
        return finished.finished(before: cutoffNanoseconds, limit: limit) { rows[$0]?.value }.map { rows[$0]! }
    }

    /// The key's first path segment with its slash, if it has one.
    static func segment(_ key: String) -> String? {
        key.firstIndex(of: "/").map { String(key[...$0]) }
    }

    /// Applies `transaction` atomically, or rejects it whole.
    public mutating func execute(_ transaction: StoreTransaction) -> StoreOutcome {
        if let fence = transaction.fence {
            let highest = highestTokens[fence.scope]
            if fencing, let highest, fence.token < highest {
                return .staleToken(scope: fence.scope, presented: fence.token, highest: highest)
            }
        }
        for check in transaction.expectedVersions {
            let found = rows[check.key]?.version ?? 0
            if found != check.version { return .conflict(key: check.key, expected: check.version, found: found) }
        }
        if let fence = transaction.fence, fence.token > highestTokens[fence.scope] ?? FencingToken(.min) {
            highestTokens[fence.scope] = fence.token
        }
        var versions: [Int64] = []
        for write in transaction.writes {
            let segment = Self.segment(write.key)
            if let value = write.value {
                let version = (rows[write.key]?.version ?? 0) + 1
                rows[write.key] = StoredRow(key: write.key, version: version, value: value)
                if let segment { segments[segment, default: []].insert(write.key) }
                finished.committed(write.key, value)
                versions.append(version)
            } else {
                rows[write.key] = nil
                if let segment { segments[segment]?.remove(write.key) }
                versions.append(0)
            }
        }
        commits += 1
        return .committed(versions: versions)
    }
}
