/// The sequential specification of one znode, for the linearizability checker: what a write may
/// answer in each state, and the state it leaves.
///
/// Only what one znode decides is modelled; answers that depend on other znodes (a create's
/// missing parent, a delete's children) are accepted without a state change.
enum ZnodeModel: Hashable, Sendable {
    case absent
    case present(data: String, version: Int32)

    /// The states that applying `op` with answer `result` may leave; empty when the answer is impossible here.
    /// With `result == nil` (unknown outcome) only the successful transition is returned: an
    /// unknown write that failed is indistinguishable from one never linearized.
    func next(_ op: Operation, _ result: Result<Reply, ZKError>?) -> [ZnodeModel] {
        switch (op, self) {
        case (.create(_, let data, _), .absent):
            switch result {
            case nil, .success?: return [.present(data: data, version: 0)]
            case .failure(.noNode)?: return [self]
            default: return []
            }
        case (.create, .present):
            switch result {
            case .failure(.nodeExists)?: return [self]
            default: return []
            }
        case (.setData, .absent), (.delete, .absent):
            return result == .failure(.noNode) ? [self] : []
        case (.setData(_, let data, let expected), .present(_, let version)):
            let matches = expected == -1 || expected == version
            switch result {
            case nil: return matches ? [.present(data: data, version: version + 1)] : []
            case .success(.set(let stat))?: return matches && stat.version == version + 1 ? [.present(data: data, version: version + 1)] : []
            case .failure(.badVersion)?: return matches ? [] : [self]
            default: return []
            }
        case (.delete(_, let expected), .present(_, let version)):
            let matches = expected == -1 || expected == version
            switch result {
            case nil, .success?: return matches ? [.absent] : []
            case .failure(.badVersion)?: return matches ? [] : [self]
            case .failure(.notEmpty)?: return [self]
            default: return []
            }
        case (.getData, _), (.getChildren, _), (.exists, _):
            preconditionFailure("reads are not checked for linearizability")
        }
    }
}
