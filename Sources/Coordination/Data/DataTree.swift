import Simulation

/// The replicated state: znodes and live sessions, changed only by applying committed transactions.
///
/// A value type: the leader validates new requests against a speculative copy that already
/// includes its uncommitted proposals (ZooKeeper's "outstanding changes"), while every replica
/// applies committed transactions to its own copy in zxid order.
public struct DataTree: Sendable {
    public internal(set) var nodes: [String: Znode] = ["/": Znode(data: "", stat: Stat(czxid: .zero, mzxid: .zero, pzxid: .zero))]
    /// Live sessions and their negotiated timeouts.
    public internal(set) var sessions: [SessionID: SimDuration] = [:]
    /// The ephemeral paths each session owns.
    public internal(set) var ephemerals: [SessionID: Set<String>] = [:]
    /// The zxid of the last applied transaction.
    public internal(set) var lastZxid: Zxid = .zero

    public init() {}

    public func node(_ path: String) -> Znode? { nodes[path] }

    /// Checks a write against the tree and turns it into the transaction body every replica applies.
    public func validate(_ op: Operation, session: SessionID) -> TxnBody {
        guard ZPath.isValid(op.path), op.path != "/" || !op.isWrite else { return .error(.badArguments) }
        guard sessions[session] != nil else { return .error(.sessionExpired) }
        switch op {
        case .create(let path, let data, let mode):
            let parentPath = ZPath.parent(of: path)
            guard let parent = nodes[parentPath] else { return .error(.noNode) }
            guard parent.stat.ephemeralOwner == 0 else { return .error(.noChildrenForEphemerals) }
            let actual = mode.isSequential ? path + ZPath.sequenceSuffix(parent.stat.cversion) : path
            guard nodes[actual] == nil else { return .error(.nodeExists) }
            return .create(path: actual, data: data, ephemeralOwner: mode.isEphemeral ? session : 0)
        case .delete(let path, let version):
            guard let node = nodes[path] else { return .error(.noNode) }
            guard version == -1 || version == node.stat.version else { return .error(.badVersion) }
            guard node.children.isEmpty else { return .error(.notEmpty) }
            return .delete(path: path)
        case .setData(let path, let data, let version):
            guard let node = nodes[path] else { return .error(.noNode) }
            guard version == -1 || version == node.stat.version else { return .error(.badVersion) }
            return .setData(path: path, data: data)
        case .getData, .getChildren, .exists:
            preconditionFailure("reads are not transactions")
        }
    }

    /// Answers a read from this replica's state.
    public func read(_ op: Operation) -> Result<Reply, ZKError> {
        switch op {
        case .getData(let path, _):
            guard let node = nodes[path] else { return .failure(.noNode) }
            return .success(.data(node.data, node.stat))
        case .getChildren(let path, _):
            guard let node = nodes[path] else { return .failure(.noNode) }
            return .success(.children(node.children.sorted(), node.stat))
        case .exists(let path, _):
            return .success(.exists(nodes[path]?.stat))
        case .create, .delete, .setData:
            preconditionFailure("writes are transactions")
        }
    }
}
