import Simulation

/// Discovery and synchronisation, leader side.
///
/// The leader first learns a quorum's accepted epochs and picks a larger one, so no earlier
/// leader can still commit once a quorum has promised the new epoch. It then makes each learner's
/// log equal to its own: DIFF sends what the learner misses; TRUNC first cuts what the learner
/// logged but the leader never had — proposals of a dead leader that no quorum acknowledged, which
/// therefore were never committed and must not survive; SNAP replaces a log with nothing in
/// common. Only when a quorum acknowledged NEWLEADER is the leader established.
extension ZabServer {
    /// The leader's state (a reference: mutations through it change the state in `role`).
    var leaderState: LeaderState {
        guard case .leading(let l) = role else { preconditionFailure("\(me) is not leading") }
        return l
    }

    func startLeading(_ context: ProcessContext) {
        role = .leading(LeaderState(me: me, servers: config.servers, startedAt: context.now))
        context.trace("zab.leading", "round \(election.round)")
        context.emit(ZabObservation.state(.leading))
        context.setTimer(after: config.leaderListenDelay, tag: Tag.listening)
    }

    /// The `Leader` is built and its quorum port bound: learners' connections are accepted from now.
    func startListening(_ context: ProcessContext) {
        guard case .leading = role else { return }
        leaderState.listening = true
        context.trace("zab.listening", "")
    }

    /// Whether a learner's connection would find a listening quorum port.
    var isListeningForLearners: Bool {
        guard case .leading(let l) = role else { return false }
        return l.listening
    }

    func handleFromLearner(_ message: PeerMessage, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if case .followerInfo(let accepted) = message {
            learnerJoined(peer, acceptedEpoch: accepted, on: connection, context)
            return
        }
        let l = leaderState
        let slot = l.learners.position(of: peer)
        guard l.learners[slot: slot]?.connection == connection else { return }
        l.learners[slot: slot]!.lastHeard = context.now
        switch message {
        case .ackEpoch(let epoch, let lastZxid): epochAcknowledged(by: peer, currentEpoch: epoch, lastZxid: lastZxid, context)
        case .ackNewLeader(let epoch): newLeaderAcknowledged(by: peer, epoch: epoch, context)
        case .ack(let zxid): acknowledged(zxid, by: peer, context)
        case .pong(let touched): for session in touched { touchSession(session, context) }
        case .request(let session, let cxid, let request):
            guard leaderState.phase == .established else { return }
            touchSession(session, context)
            submit(request, session: session, cxid: cxid, origin: peer, context)
        case .revalidate(let session, let token):
            let valid = isLive(session)
            if valid { touchSession(session, context) }
            sendToLearner(.revalidated(session: session, token: token, valid: valid), peer, context)
        default: context.trace("zab.unexpected", "\(message.kind) from learner \(peer)")
        }
    }

    private func learnerJoined(_ peer: HostID, acceptedEpoch: Int64, on connection: ConnectionID, _ context: ProcessContext) {
        leaderState.learners[peer] = Learner(connection: connection, acceptedEpoch: acceptedEpoch, lastHeard: context.now)
        if leaderState.epoch > 0 {
            sendToLearner(.leaderInfo(newEpoch: leaderState.epoch), peer, context)
            return
        }
        guard leaderState.learners.count + 1 >= config.quorumSize else { return }
        let highest = leaderState.learners.highestAcceptedEpoch ?? 0
        let epoch = max(highest, disk.acceptedEpoch.current) + 1
        leaderState.epoch = epoch
        disk.acceptedEpoch.write(epoch)
        context.trace("zab.epoch", "new epoch \(epoch)")
        for learner in leaderState.learners.peers {
            sendToLearner(.leaderInfo(newEpoch: epoch), learner, context)
        }
    }

    private func epochAcknowledged(by peer: HostID, currentEpoch: Int64, lastZxid: Zxid, _ context: ProcessContext) {
        guard leaderState.learners[peer]?.phase == .info, leaderState.epoch > 0 else { return }
        if (currentEpoch, lastZxid) > (disk.currentEpoch.current, disk.lastZxid) {
            abandon("learner \(peer) is ahead of the leader", context)
            return
        }
        synchronise(peer, lastZxid: lastZxid, context)
    }

    /// Sends the learner the sync that makes its log equal to the leader's, then NEWLEADER.
    private func synchronise(_ peer: HostID, lastZxid: Zxid, _ context: ProcessContext) {
        let plan = disk.syncPlan(forLearnerAt: lastZxid, config)
        let missing = Array(disk.log.entries[(plan.from - disk.logStart)...])
        context.trace("zab.sync", "\(plan.mode.rawValue) \(peer) from \(lastZxid) to \(plan.truncateTo) +\(missing.count)")
        let snapshot = plan.sendsSnapshot ? disk.latestSnapshot : nil
        let sync = PeerMessage.sync(mode: plan.mode, truncateTo: plan.truncateTo, snapshot: snapshot, txns: missing)
        guard sendToLearner(sync, peer, context) else { return }
        sendToLearner(.newLeader(epoch: leaderState.epoch), peer, context)
        leaderState.learners[peer]!.phase = .syncSent(upTo: disk.lastZxid)
    }

    private func newLeaderAcknowledged(by peer: HostID, epoch: Int64, _ context: ProcessContext) {
        guard epoch == leaderState.epoch, case .syncSent(let upTo) = leaderState.learners[peer]?.phase else { return }
        leaderState.learners[peer]!.phase = .upToDate
        leaderState.outstanding.acknowledgeAll(upTo: upTo, by: leaderState.learners.position(of: peer))
        if leaderState.phase == .established {
            sendToLearner(.upToDate(committed: commitZxid), peer, context)
            tryCommit(context)
        } else if leaderState.syncedCount >= config.quorumSize {
            establish(context)
        }
    }

    /// A quorum holds the leader's history under the new epoch: commit it all and start serving.
    private func establish(_ context: ProcessContext) {
        let epoch = leaderState.epoch
        leaderState.phase = .established
        disk.currentEpoch.write(epoch)
        commitZxid = disk.lastZxid
        applyCommitted(context)
        takeSnapshot()
        leaderState.speculative = tree
        leaderState.counter = 0
        for (session, timeout) in tree.sessions.sorted(by: { $0.key < $1.key }) {
            leaderState.sessionDeadlines[session] = expiryBucket(after: context.now + timeout)
        }
        armSessionExpiry(context)
        context.trace("zab.established", "epoch \(epoch) commit \(commitZxid)")
        context.emit(ZabObservation.established(epoch: epoch))
        for peer in leaderState.learners.peers where leaderState.learners[peer]!.phase == .upToDate {
            sendToLearner(.upToDate(committed: commitZxid), peer, context)
        }
        isServing = true
    }

    func dropLearner(_ peer: HostID, _ context: ProcessContext) {
        context.trace("zab.drop-learner", "\(peer)")
        let registered = leaderState.learners.remove(peer)?.connection
        if registered == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    /// Pings learners, drops the silent ones and steps down without a quorum (ZooKeeper's `Leader.lead` loop).
    func leaderTick(_ context: ProcessContext) {
        let now = context.now
        let l = leaderState
        for slot in l.learners.servers.indices {
            guard let learner = l.learners[slot: slot] else { continue }
            let peer = l.learners.servers[slot]
            let limit = learner.phase == .upToDate ? config.syncTimeout : config.initTimeout
            let behind = learner.unacknowledged.first.map { now - $0.sentAt > config.syncTimeout } ?? false
            if now - learner.lastHeard > limit || behind {
                dropLearner(peer, context)
            } else {
                sendToLearner(.ping, peer, context)
            }
        }
        switch leaderState.phase {
        case .discovering:
            if now - leaderState.startedAt > config.initTimeout { abandon("no quorum synced within initLimit", context) }
        case .established:
            if leaderState.syncedCount < config.quorumSize { abandon("lost the quorum", context) }
        }
    }
}
