/// A client session's id. The leader assigns the zxid of the session's creating transaction, which
/// is unique across leaders and restarts.
public typealias SessionID = Int64

/// How a znode is created.
public enum CreateMode: Sendable, Equatable {
    case persistent, ephemeral, persistentSequential, ephemeralSequential
    /// An ephemeral node lives as long as the session that created it.
    public var isEphemeral: Bool { self == .ephemeral || self == .ephemeralSequential }
    /// A sequential node gets a 10-digit suffix from its parent's child-change counter.
    public var isSequential: Bool { self == .persistentSequential || self == .ephemeralSequential }
}

/// A request a client makes of the data tree. Versions of `-1` match any version.
public enum Operation: Sendable, Equatable {
    case create(path: String, data: String, mode: CreateMode)
    case delete(path: String, version: Int32)
    case setData(path: String, data: String, version: Int32)
    case getData(path: String, watch: Bool)
    case getChildren(path: String, watch: Bool)
    case exists(path: String, watch: Bool)

    /// Writes go through the leader and a quorum; reads are answered by the connected server.
    public var isWrite: Bool {
        switch self {
        case .create, .delete, .setData: true
        case .getData, .getChildren, .exists: false
        }
    }

    public var path: String {
        switch self {
        case .create(let p, _, _), .delete(let p, _), .setData(let p, _, _), .getData(let p, _),
            .getChildren(let p, _), .exists(let p, _):
            p
        }
    }
}

/// The answer to a successful operation.
public enum Reply: Sendable, Equatable {
    /// `create`: the path actually created (with its sequential suffix) and its stat.
    case created(path: String, stat: Stat)
    case deleted
    /// `setData`: the node's new stat.
    case set(Stat)
    /// `exists`: the node's stat, or nil when it does not exist (the watch is then set on its creation).
    case exists(Stat?)
    case data(String, Stat)
    /// `getChildren`: child names, sorted.
    case children([String], Stat)
}

/// Why an operation failed; a user-level error value, not a bug.
public enum ZKError: Error, Sendable, Equatable {
    case noNode, nodeExists, badVersion, notEmpty, noChildrenForEphemerals, badArguments
    /// The session expired (or was closed); its ephemerals are gone and it cannot be reused.
    case sessionExpired
    /// The connection broke before the answer came: the operation may or may not have happened.
    case connectionLoss
}

/// The metadata of a znode, as ZooKeeper's `Stat`.
public struct Stat: Sendable, Equatable {
    /// The zxid that created the node. Unique and increasing: the fencing token of a latch.
    public var czxid: Zxid
    /// The zxid of the last `setData` (or the creation).
    public var mzxid: Zxid
    /// The zxid of the last change to the node's children.
    public var pzxid: Zxid
    public var version: Int32 = 0
    /// Counts changes to the children; names sequential children.
    public var cversion: Int32 = 0
    /// The owning session of an ephemeral node, 0 otherwise.
    public var ephemeralOwner: SessionID = 0
    public var numChildren: Int32 = 0

    public init(
        czxid: Zxid, mzxid: Zxid, pzxid: Zxid, version: Int32 = 0, cversion: Int32 = 0, ephemeralOwner: SessionID = 0,
        numChildren: Int32 = 0
    ) {
        self.czxid = czxid
        self.mzxid = mzxid
        self.pzxid = pzxid
        self.version = version
        self.cversion = cversion
        self.ephemeralOwner = ephemeralOwner
        self.numChildren = numChildren
    }
}

/// A one-shot notification that something a client watched has changed.
public struct WatchedEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case nodeCreated, nodeDeleted, nodeDataChanged, nodeChildrenChanged }
    public var kind: Kind
    public var path: String
    public init(kind: Kind, path: String) { self.kind = kind; self.path = path }
}
