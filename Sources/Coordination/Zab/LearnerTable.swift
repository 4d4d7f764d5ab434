import Simulation

/// The leader's learners: one slot per server of the ensemble, in host order.
///
/// An ensemble has at most 15 servers, so a slot per server beats a dictionary: a lookup is a
/// short scan of host ids (no hashing), the learners come out in host order without sorting, and
/// a server's position doubles as its bit in ``OutstandingProposals``' acknowledgement masks.
struct LearnerTable {
    /// The ensemble's servers, sorted (``ZabConfig/servers``); slot `i` belongs to `servers[i]`.
    let servers: [HostID]
    private var slots: [Learner?]

    init(servers: [HostID]) {
        precondition(servers.count <= OutstandingProposals.maxServers, "an ensemble of \(servers.count) servers")
        precondition(zip(servers, servers.dropFirst()).allSatisfy { $0 < $1 }, "servers are sorted and distinct")
        self.servers = servers
        slots = Array(repeating: nil, count: servers.count)
    }

    /// The slot of `server`; traps for a host outside the ensemble.
    @inline(__always)
    func position(of server: HostID) -> Int {
        for i in servers.indices where servers[i] == server { return i }
        preconditionFailure("\(server) is not in the ensemble")
    }

    /// The learner on `peer`, if it registered.
    subscript(peer: HostID) -> Learner? {
        _read { yield slots[position(of: peer)] }
        set { slots[position(of: peer)] = newValue }
        _modify { yield &slots[position(of: peer)] }
    }

    /// The learner in slot `i`, if any.
    subscript(slot i: Int) -> Learner? {
        _read { yield slots[i] }
        set { slots[i] = newValue }
        _modify { yield &slots[i] }
    }

    /// How many learners registered.
    var count: Int {
        var n = 0
        for slot in slots where slot != nil { n += 1 }
        return n
    }

    /// The registered learners' hosts, in host order.
    var peers: [HostID] { servers.indices.filter { slots[$0] != nil }.map { servers[$0] } }

    /// Removes and returns the learner on `peer`.
    mutating func remove(_ peer: HostID) -> Learner? {
        let i = position(of: peer)
        defer { slots[i] = nil }
        return slots[i]
    }

    /// The highest epoch any registered learner accepted, if any registered.
    var highestAcceptedEpoch: Int64? { slots.compactMap { $0?.acceptedEpoch }.max() }

    /// The leader plus the learners that acknowledged NEWLEADER.
    var syncedCount: Int {
        var n = 1
        for case let learner? in slots where learner.phase == .upToDate { n += 1 }
        return n
    }
}
