/// The job store's index of finished top-level workflows by end time, which Oozie's purge query
/// reads (`WorkflowJobsGetForPurgeJPAExecutor`: ids of workflows with `endTimestamp` before a
/// cutoff and no parent, at most `limit`).
///
/// Entries are appended when a terminal row is committed, so they come in commit order, which is
/// end-time order up to the writers' clock differences (a simplification of a sorted database
/// index: an entry whose end time is past the cutoff holds back the ones behind it until it
/// passes). An entry whose row was deleted or written again since is stale and skipped; the
/// stale ones at the front are dropped as queries pass them, so the index holds about as many
/// entries as the store holds finished workflows.
struct FinishedIndex: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var endNanoseconds: Int64
        var key: String
    }
    private var entries: [Entry] = []
    private var head = 0

    /// Records a committed write of `value` under `key`.
    mutating func committed(_ key: String, _ value: StoredValue?) {
        guard let row = value?.workflow, row.job.parent == nil, row.job.status.isTerminal else { return }
        entries.append(Entry(endNanoseconds: row.modifiedNanoseconds, key: key))
    }

    /// Up to `limit` keys of finished top-level workflows that ended before `cutoffNanoseconds`,
    /// oldest first; `current` gives a key's row as stored now.
    mutating func finished(before cutoffNanoseconds: Int64, limit: Int, current: (String) -> StoredValue?) -> [String] {
        func isLive(_ entry: Entry) -> Bool {
            guard let row = current(entry.key)?.workflow else { return false }
            return row.job.status.isTerminal && row.modifiedNanoseconds == entry.endNanoseconds
        }
        while head < entries.count, !isLive(entries[head]) { head += 1 }
        if head > 1_024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        var keys: [String] = []
        var i = head
        while i < entries.count, keys.count < limit, entries[i].endNanoseconds < cutoffNanoseconds {
            if isLive(entries[i]) && !keys.contains(entries[i].key) { keys.append(entries[i].key) }
            i += 1
        }
        return keys
    }
}
