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
        leaderState.counter += 1
        leaderState.speculative.apply(txn)
        logTxn(txn, context)
        leaderState.outstanding.append((txn.zxid, [me]))
        context.emit(ZabObservation.proposed(txn.zxid))
        for peer in leaderState.forwardingLearners {
            if sendToLearner(.proposal(txn), peer, context) {
                leaderState.learners[peer]!.unacknowledged.append((txn.zxid, context.now))
            }
        }
        tryCommit(context)
    }

    func acknowledged(_ zxid: Zxid, by peer: HostID, _ context: ProcessContext) {
        guard leaderState.learners[peer]?.isForwarding == true else { return }
        leaderState.learners[peer]!.unacknowledged.removeAll { $0.zxid <= zxid }
        guard let i = leaderState.outstanding.firstIndex(where: { $0.zxid == zxid }) else { return }
        leaderState.outstanding[i].acks.insert(peer)
        tryCommit(context)
    }

    /// Commits the oldest proposals that a quorum has logged, in order.
    func tryCommit(_ context: ProcessContext) {
        while case .leading(let l) = role, let first = l.outstanding.first, first.acks.count >= config.quorumSize {
            leaderState.outstanding.removeFirst()
            commitZxid = first.zxid
            for peer in leaderState.forwardingLearners { sendToLearner(.commit(first.zxid), peer, context) }
            applyCommitted(context)
        }
    }
}
