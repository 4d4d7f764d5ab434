import Simulation

/// Broadcast: the established leader orders writes as proposals and commits each once a quorum
/// logged it, strictly in zxid order (a later proposal never commits before an earlier one).
extension ZabServer {
    /// Validates a forwarded or local write against the speculative tree and proposes it.
    func submit(_ request: ForwardedRequest, session: SessionID, cxid: Int64, origin: HostID, _ context: ProcessContext) {
        precondition(leaderState.phase == .established, "only an established leader proposes")
        let zxid = Zxid(epoch: leaderState.epoch, counter: leaderState.counter + 1)
        let txn: Txn
        switch request {
        case .write(let op):
            txn = Txn(zxid: zxid, session: session, cxid: cxid, origin: origin, body: leaderState.speculative.validate(op, session: session))
        case .createSession(let timeout, let token):
            txn = Txn(zxid: zxid, session: zxid.raw, cxid: token, origin: origin, body: .createSession(timeout: timeout))
        case .closeSession:
            let live = leaderState.speculative.sessions[session] != nil
            txn = Txn(zxid: zxid, session: session, cxid: cxid, origin: origin, body: live ? .closeSession : .error(.sessionExpired))
        }
        propose(txn, context)
    }

    private func propose(_ txn: Txn, _ context: ProcessContext) {
        let l = leaderState
        l.counter += 1
        l.speculative.apply(txn)
        logTxn(txn, context)
        l.outstanding.append(txn.zxid, loggedBy: l.position)
        context.emit(ZabObservation.proposed(txn.zxid))
        let sentAt = context.now
        forEachForwardingLearner(l) { peer, slot in
            if sendToLearner(.proposal(txn), peer, context) {
                l.learners[slot: slot]!.unacknowledged.append((txn.zxid, sentAt))
            }
        }
        tryCommit(context)
    }

    /// Calls `body` with each learner that receives the broadcast (host and slot), in host order.
    /// `body` may forget the learner it is given (a stale connection), no other.
    private func forEachForwardingLearner(_ l: LeaderState, _ body: (HostID, Int) -> Void) {
        for slot in l.learners.servers.indices where l.learners[slot: slot]?.isForwarding == true {
            body(l.learners.servers[slot], slot)
        }
    }

    func acknowledged(_ zxid: Zxid, by peer: HostID, _ context: ProcessContext) {
        let l = leaderState
        let slot = l.learners.position(of: peer)
        guard l.learners[slot: slot]?.isForwarding == true else { return }
        l.learners[slot: slot]!.unacknowledged.removeAll { $0.zxid <= zxid }
        guard l.outstanding.acknowledge(zxid, by: slot) else { return }
        tryCommit(context)
    }

    /// Commits the oldest proposals that a quorum has logged, in order.
    func tryCommit(_ context: ProcessContext) {
        while case .leading(let l) = role, let first = l.outstanding.first, first.acks >= config.quorumSize {
            precondition(first.zxid > commitZxid, "commits in zxid order: \(first.zxid) after \(commitZxid)")
            l.outstanding.removeFirst()
            commitZxid = first.zxid
            forEachForwardingLearner(l) { peer, _ in sendToLearner(.commit(first.zxid), peer, context) }
            applyCommitted(context)
        }
    }
}
