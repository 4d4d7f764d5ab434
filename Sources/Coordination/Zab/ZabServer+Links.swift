import Simulation

/// Sending on the right connection. `ProcessContext.send` uses whatever connection is current to
/// a peer; once a peer restarted or reconnected, that is a newer connection, and a message meant
/// for the old session (a COMMIT for a learner's previous incarnation, an answer to a client's
/// previous connection) would reach a peer that never asked for it. So every send first checks
/// that the connection it belongs to is still the current one, and otherwise forgets the peer.
extension ZabServer {
    /// Sends to a learner on the connection it registered on; forgets it when that is gone.
    @discardableResult
    func sendToLearner(_ message: PeerMessage, _ peer: HostID, _ context: ProcessContext) -> Bool {
        let l = leaderState
        let slot = l.learners.position(of: peer)
        guard let registered = l.learners[slot: slot]?.connection else { return false }
        guard registered == context.connection(to: peer) else {
            context.trace("zab.stale-learner", "\(peer) \(registered)")
            l.learners[slot: slot] = nil
            return false
        }
        context.send(message, to: peer)
        return true
    }

    /// Sends to the leader on this follower's connection; abandons the leader when it was replaced.
    @discardableResult
    func sendToLeader(_ message: PeerMessage, _ context: ProcessContext) -> Bool {
        let f = followerState
        guard f.connection == context.connection(to: f.leader) else {
            abandon("connection to the leader was replaced", context)
            return false
        }
        context.send(message, to: f.leader)
        return true
    }

    /// Sends to a connected client on its connection; forgets the client when that is gone.
    func sendToClient(_ message: ClientMessage, _ client: HostID, _ context: ProcessContext) {
        guard let entry = clients.byHost[client] else { return }
        guard entry.connection == context.connection(to: client) else {
            clients.remove(client)
            return
        }
        context.send(message, to: client)
    }
}
