import Simulation

/// What a Zab server keeps on disk: its transaction log and its two epochs.
///
/// `acceptedEpoch` is the last epoch the server promised to follow (in ACKEPOCH), `currentEpoch`
/// the last epoch whose history it accepted (at NEWLEADER). Both must survive crashes: a server
/// that forgot its promise could help two leaders establish histories for the same epoch.
public final class ZabDisk: DurableState {
    public var log = SyncedLog<Txn>()
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
    }

    /// The zxid of the last logged transaction (committed or not): what a server votes with.
    public var lastZxid: Zxid { log.last?.zxid ?? .zero }

    /// The position just after the last entry with a zxid at most `zxid`.
    public func count(upTo zxid: Zxid) -> Int {
        var low = 0
        var high = log.count
        while low < high {
            let mid = (low + high) / 2
            if log.entries[mid].zxid <= zxid { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether the log holds a transaction with exactly this zxid (or it is zero).
    public func contains(_ zxid: Zxid) -> Bool {
        zxid == .zero || (count(upTo: zxid) > 0 && log.entries[count(upTo: zxid) - 1].zxid == zxid)
    }
}
