/// How a leader brings one learner's history up to its own, as ZooKeeper 3.8's
/// `LearnerHandler.syncFollower` and `queueCommittedProposals` decide it.
///
/// The leader keeps its last ``ZabConfig/commitLogCount`` transactions in memory (the committed
/// log). A learner whose last zxid falls inside it gets DIFF (it holds a prefix of the history),
/// or TRUNC (it holds proposals the leader never had) followed by the rest. A learner behind the
/// committed log is synced from the transaction log on disk only if the log still holds its
/// last zxid and reading the log files costs less than ``ZabConfig/snapshotSizeFactor`` of a
/// snapshot; otherwise, and whenever a TRUNC would cross an epoch, it gets SNAP: the leader's
/// latest snapshot and the log after it.
struct SyncPlan: Equatable {
    var mode: SyncMode
    /// DIFF: the learner's last zxid; TRUNC: where the learner cuts; SNAP: the snapshot's zxid.
    var truncateTo: Zxid
    /// The first position of the leader's log to send.
    var from: Int
    /// Whether the leader's latest snapshot goes first (SNAP).
    var sendsSnapshot: Bool { mode == .snap }
}

extension ZabDisk {
    /// The sync for a learner whose last logged zxid is `peer` (`LearnerHandler.syncFollower`).
    func syncPlan(forLearnerAt peer: Zxid, _ config: ZabConfig) -> SyncPlan {
        let last = lastZxid
        let snap = SyncPlan(mode: .snap, truncateTo: latestSnapshot.zxid, from: latestSnapshot.count)
        // The new-epoch zxid a learner holds after an empty sync is never in a log: no TRUNC for it.
        let isNewEpochZxid = peer != .zero && peer.counter == 0
        if peer == last { return SyncPlan(mode: .diff, truncateTo: peer, from: endPosition) }
        let committedStart = max(logStart, endPosition - config.commitLogCount)
        let minCommitted = log.count == 0 ? last : txn(at: committedStart).zxid
        if peer > last && !isNewEpochZxid { return SyncPlan(mode: .trunc, truncateTo: last, from: endPosition) }
        if minCommitted <= peer && peer <= last {
            return plan(forLearnerAt: peer, scanningFrom: committedStart) ?? snap
        }
        // Behind the committed log: the on-disk log must hold the learner's zxid itself
        // (`ZKDatabase.getProposalsFromTxnLog` returns nothing otherwise) and be small enough.
        guard config.snapshotSizeFactor >= 0, log.count > 0, peer >= txn(at: logStart).zxid,
            Double(config.txnLogFileBytes) <= config.snapshotSizeFactor * Double(latestSnapshot.bytes)
        else { return snap }
        let end = count(upTo: peer)
        guard end > logStart, txn(at: end - 1).zxid == peer else { return snap }
        return SyncPlan(mode: .diff, truncateTo: peer, from: end)
    }

    /// `queueCommittedProposals` from `start`: DIFF when the learner's zxid is in the history,
    /// TRUNC to the transaction before the first one past it when both share an epoch, nil (SNAP)
    /// when a TRUNC would cross an epoch.
    private func plan(forLearnerAt peer: Zxid, scanningFrom start: Int) -> SyncPlan? {
        let isNewEpochZxid = peer != .zero && peer.counter == 0
        let end = count(upTo: peer)
        if end > logStart, txn(at: end - 1).zxid == peer { return SyncPlan(mode: .diff, truncateTo: peer, from: end) }
        guard end < endPosition else { return nil }
        if isNewEpochZxid { return SyncPlan(mode: .diff, truncateTo: peer, from: end) }
        let next = txn(at: end).zxid
        guard next.epoch == peer.epoch, end > start else { return nil }
        return SyncPlan(mode: .trunc, truncateTo: txn(at: end - 1).zxid, from: end)
    }
}
