import Simulation

/// Snapshots and purging: each server snapshots its applied tree after a random number of logged
/// transactions (`SyncRequestProcessor`), an established leader after it loaded its history
/// (`ZooKeeperServer.loadData` ends with `takeSnapshot`), and an hourly purge deletes all but the
/// latest snapshots and the log before them (`DatadirCleanupManager`, `PurgeTxnLog`). A restarted
/// server rebuilds its tree from its latest snapshot and the log after it, so neither memory nor
/// the cost of a sync grows with the length of the run.
extension ZabServer {
    /// Logs a transaction and snapshots once enough were logged since the last snapshot.
    func logTxn(_ txn: Txn, _ context: ProcessContext) {
        disk.append(txn, sync: config.forceSync)
        snapshots.logged += 1
        guard snapshots.logged > config.snapCount / 2 else { return }
        // The random part is drawn only once it can matter, so runs that never get this far
        // draw exactly what they drew before snapshots existed.
        if snapshots.roll == nil { snapshots.roll = context.random { $0.nextInt(below: max(1, config.snapCount / 2)) } }
        guard snapshots.logged > config.snapCount / 2 + snapshots.roll!, isServing else { return }
        takeSnapshot()
        snapshots.logged = 0
        snapshots.roll = nil
    }

    /// Writes the applied tree as a snapshot. Snapshots and purges are not traced: they change
    /// no message, so a run's digest changes only where a sync decision does.
    func takeSnapshot() {
        disk.write(ZabSnapshot(count: appliedCount, zxid: tree.lastZxid, tree: tree))
    }

    /// `PurgeTxnLog.purge`, every ``ZabConfig/purgeInterval``.
    func purge(_ context: ProcessContext) {
        guard let interval = config.purgeInterval else { return }
        context.setTimer(after: interval, tag: Tag.purge)
        disk.purge(retain: config.snapRetainCount)
        context.emit(ZabObservation.historyFloor(disk.oldestRestorablePosition))
    }

    /// Rebuilds the volatile tree from the latest snapshot; the next sync applies the log after it.
    func resetTree() {
        let snapshot = disk.latestSnapshot
        tree = snapshot.tree
        appliedCount = snapshot.count
    }
}

/// The volatile part of `SyncRequestProcessor`'s snapshot trigger.
struct SnapshotTrigger {
    /// Transactions logged since the last snapshot (or the process start).
    var logged = 0
    /// The random part of the threshold, drawn once `logged` passes half of `snapCount`.
    var roll: Int?
}
