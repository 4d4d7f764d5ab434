import Simulation

/// What a Zab server keeps on disk: its snapshots, the transaction log after the oldest of them,
/// and its two epochs.
///
/// `acceptedEpoch` is the last epoch the server promised to follow (in ACKEPOCH), `currentEpoch`
/// the last epoch whose history it accepted (at NEWLEADER). Both must survive crashes: a server
/// that forgot its promise could help two leaders establish histories for the same epoch.
///
/// Positions count transactions from the start of the whole history: the log holds positions
/// `logStart ..< endPosition`; what came before lives only in the snapshots (ZooKeeper's
/// `PurgeTxnLog` deletes the log files older than the oldest snapshot it retains).
public final class ZabDisk: DurableState {
    public var log = SyncedLog<Txn>()
    /// The position of the log's first entry.
    public private(set) var logStart = 0
    /// Snapshots, oldest first; none on a fresh disk (its history is empty).
    public private(set) var snapshots: [ZabSnapshot] = []
    public var acceptedEpoch = SyncedValue<Int64>(0)
    public var currentEpoch = SyncedValue<Int64>(0)
    /// Counts the server's starts, so its notification sequence numbers increase across restarts.
    public var boots = SyncedValue<Int64>(0)

    public init() {}

    public func loseUnsyncedWrites() {
        log.loseUnsynced()
        acceptedEpoch.loseUnsynced()
        currentEpoch.loseUnsynced()
        boots.loseUnsynced()
        // Snapshots are synced when written. One past the surviving log (its transactions were
        // applied, then lost from an unsynced log) is where the history now ends, as after
        // `FileTxnSnapLog.restore`: the log before it is no longer needed to rebuild the tree.
        if let latest = snapshots.last, latest.count > endPosition {
            log.dropPrefix(log.count)
            logStart = latest.count
        }
    }

    /// The latest snapshot, or the empty history.
    public var latestSnapshot: ZabSnapshot { snapshots.last ?? .empty }

    /// The lowest position this server could apply again: its oldest snapshot's, else the log's start.
    public var oldestRestorablePosition: Int { snapshots.first?.count ?? logStart }

    /// The position just after the last logged transaction.
    public var endPosition: Int { logStart + log.count }

    /// The transaction at a position of the history still in the log.
    public func txn(at position: Int) -> Txn {
        precondition(position >= logStart, "position \(position) was purged (the log starts at \(logStart))")
        return log.entries[position - logStart]
    }

    /// The zxid of the last logged transaction (committed or not), or of the latest snapshot when
    /// the log after it is empty: what a server votes with.
    public var lastZxid: Zxid { log.last?.zxid ?? latestSnapshot.zxid }

    /// The zxid of the transaction just before the log's first entry (zero when the log starts the history).
    public var zxidBeforeLog: Zxid {
        snapshots.last { $0.count == logStart }?.zxid ?? (logStart == 0 ? .zero : latestSnapshot.zxid)
    }

    /// The position just after the last logged entry with a zxid at most `zxid`; `logStart` when
    /// the log has none (the history before it may or may not hold `zxid`).
    public func count(upTo zxid: Zxid) -> Int {
        var low = 0
        var high = log.count
        while low < high {
            let mid = (low + high) / 2
            if log.entries[mid].zxid <= zxid { low = mid + 1 } else { high = mid }
        }
        return logStart + low
    }

    /// Whether the log holds a transaction with exactly this zxid, or it ends a snapshot (or is zero).
    public func contains(_ zxid: Zxid) -> Bool {
        if zxid == .zero || snapshots.contains(where: { $0.zxid == zxid }) { return true }
        let end = count(upTo: zxid)
        return end > logStart && txn(at: end - 1).zxid == zxid
    }

    /// Appends a transaction at the end of the history.
    public func append(_ txn: Txn, sync: Bool) {
        precondition(txn.zxid > lastZxid, "append of \(txn.zxid) after \(lastZxid)")
        log.append(txn, sync: sync)
    }

    /// Keeps the history's first `position` transactions; snapshots past the cut go with it.
    /// Returns false (and keeps everything) when the cut falls before the log, in purged history.
    public func truncate(to position: Int) -> Bool {
        guard position >= logStart else { return false }
        log.truncate(to: position - logStart)
        snapshots.removeAll { $0.count > position }
        return true
    }

    /// Writes a snapshot of the tree after the first `snapshot.count` transactions.
    public func write(_ snapshot: ZabSnapshot) {
        precondition(snapshot.count >= logStart && snapshot.count <= endPosition, "snapshot outside the log")
        precondition(snapshot.count >= latestSnapshot.count, "snapshots are written in history order")
        if snapshot.count == latestSnapshot.count && !snapshots.isEmpty { return }  // the same state again
        snapshots.append(snapshot)
    }

    /// Replaces the whole history by a leader's snapshot and the transactions after it (SNAP).
    public func install(_ snapshot: ZabSnapshot, then txns: [Txn], sync: Bool) {
        log.dropPrefix(log.count)
        logStart = snapshot.count
        snapshots = snapshot.count == 0 ? [] : [snapshot]
        for txn in txns { append(txn, sync: sync) }
    }

    /// Forgets everything: a history that cannot be cut where the leader asks starts again empty.
    public func erase() {
        log.dropPrefix(log.count)
        logStart = 0
        snapshots = []
    }

    /// ZooKeeper's `PurgeTxnLog.purge`: keeps the `retain` most recent snapshots (all of them
    /// when there are fewer) and the log from the oldest kept one on; returns how many log
    /// entries went. (ZooKeeper also keeps the one log file that holds that snapshot's zxid,
    /// which reaches back to the snapshot before it: the log here is a little shorter.)
    @discardableResult public func purge(retain: Int) -> Int {
        precondition(retain >= 1, "purge keeps at least one snapshot")
        guard !snapshots.isEmpty else { return 0 }
        snapshots.removeFirst(max(0, snapshots.count - retain))
        let drop = snapshots[0].count - logStart
        guard drop > 0 else { return 0 }
        log.dropPrefix(drop)
        logStart += drop
        return drop
    }
}
