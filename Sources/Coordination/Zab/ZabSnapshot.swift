/// A snapshot of the data tree on a server's disk: the state after the first `count`
/// transactions of the history, as ZooKeeper's `snapshot.<zxid>` file holds the tree after `zxid`.
///
/// A restarted server loads its latest snapshot and replays the log after it
/// (`FileTxnSnapLog.restore`); a leader sends one to a learner whose history it no longer holds
/// (SNAP). Snapshots are taken of the applied tree in one step, not fuzzily while writes go on
/// as ZooKeeper's background snapshot thread does (the replayed log makes both the same state).
public struct ZabSnapshot: Sendable {
    /// How many transactions of the history the tree holds: the log position just after them.
    public let count: Int
    /// The zxid of the last transaction in the tree (zero for the empty history).
    public let zxid: Zxid
    public let tree: DataTree
    /// The size of the snapshot file, estimated from the tree (``DataTree/serializedBytes``).
    public let bytes: Int

    public init(count: Int, zxid: Zxid, tree: DataTree) {
        precondition(count >= 0, "a snapshot holds a non-negative number of transactions")
        self.count = count
        self.zxid = zxid
        self.tree = tree
        bytes = tree.serializedBytes
    }

    /// The empty history: what a server with a fresh disk starts from.
    public static let empty = ZabSnapshot(count: 0, zxid: .zero, tree: DataTree())
}

extension DataTree {
    /// The approximate size of this tree serialized as ZooKeeper's snapshot (`DataTree.serialize`,
    /// `SerializeUtils.serializeSnapshot`): per znode its path, its data and a stat of about 60
    /// bytes plus an ACL reference; per session its id and timeout. Only ratios to log sizes
    /// use it (``ZabConfig/snapshotSizeFactor``).
    public var serializedBytes: Int {
        var bytes = 16
        for (path, node) in nodes { bytes += 4 + path.utf8.count + 4 + node.data.utf8.count + 68 + 8 }
        return bytes + sessions.count * 12
    }
}
