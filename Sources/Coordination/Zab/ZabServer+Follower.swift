import Simulation

/// Discovery, synchronisation and broadcast, learner side.
extension ZabServer {
    /// The follower's state (a reference: mutations through it change the state in `role`).
    var followerState: FollowerState {
        guard case .following(let f) = role else { preconditionFailure("\(me) is not following") }
        return f
    }

    func startFollowing(_ leader: HostID, _ context: ProcessContext) {
        role = .following(
            FollowerState(leader: leader, connection: connectToLeader(leader, context), startedAt: context.now, lastHeard: context.now))
        context.trace("zab.following", "\(leader) round \(election.round)")
        context.emit(ZabObservation.state(.following))
    }

    /// Opens a fresh connection to the leader (the old one may be silently broken by a past
    /// partition) and registers with FOLLOWERINFO; returns the connection.
    private func connectToLeader(_ leader: HostID, _ context: ProcessContext) -> ConnectionID {
        context.closeConnection(to: leader)
        context.send(PeerMessage.followerInfo(acceptedEpoch: disk.acceptedEpoch.current), to: leader)
        return context.connection(to: leader)
    }

    /// The leader closed the connection. Before it answered, that is a refused connection (the
    /// leader does not listen yet): `Learner.connectToLeader` sleeps `leaderConnectDelayDuringRetryMs`
    /// and tries again, at most 5 times and while `initLimit × tickTime` is not spent.
    func leaderConnectionClosed(_ context: ProcessContext) {
        let f = followerState
        let remaining = config.initTimeout - (context.now - f.startedAt)
        guard f.phase == .connecting, f.connectTries < config.leaderConnectTries,
            remaining > config.leaderConnectRetryDelay
        else {
            abandon("leader closed the connection", context)
            return
        }
        context.trace("zab.connect-refused", "\(f.leader) try \(f.connectTries)")
        followerState.retryTimer = context.setTimer(after: config.leaderConnectRetryDelay, tag: Tag.connectRetry)
    }

    func retryConnectToLeader(_ timer: TimerID, _ context: ProcessContext) {
        guard case .following(let f) = role, f.retryTimer == timer else { return }
        followerState.retryTimer = nil
        followerState.connectTries += 1
        followerState.connection = connectToLeader(f.leader, context)
        followerState.lastHeard = context.now
    }

    func handleFromLeader(_ message: PeerMessage, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        let f = followerState
        guard peer == f.leader, connection == f.connection else { return }
        f.lastHeard = context.now
        switch message {
        case .leaderInfo(let epoch):
            guard epoch >= disk.acceptedEpoch.current else {
                abandon("leader offers stale epoch \(epoch)", context)
                return
            }
            if epoch > disk.acceptedEpoch.current { disk.acceptedEpoch.write(epoch) }
            f.phase = .syncing
            sendToLeader(.ackEpoch(currentEpoch: disk.currentEpoch.current, lastZxid: disk.lastZxid), context)
        case .sync(let mode, let truncateTo, let snapshot, let txns): applySync(mode, truncateTo: truncateTo, snapshot, txns, context)
        case .newLeader(let epoch):
            disk.currentEpoch.write(epoch, sync: config.forceSync)
            sendToLeader(.ackNewLeader(epoch: epoch), context)
        case .upToDate(let committed):
            commitZxid = max(commitZxid, committed)
            applyCommitted(context)
            f.phase = .serving
            isServing = true
            context.trace("zab.uptodate", "committed \(commitZxid)")
        case .proposal(let txn):
            precondition(txn.zxid > disk.lastZxid, "proposal \(txn.zxid) not after \(disk.lastZxid)")
            logTxn(txn, context)
            sendToLeader(.ack(txn.zxid), context)
        case .commit(let zxid):
            precondition(disk.contains(zxid), "commit of \(zxid), which \(me) never logged")
            commitZxid = max(commitZxid, zxid)
            if f.phase == .serving { applyCommitted(context) }
        case .revalidated(let session, let token, let valid):
            revalidated(session, token: token, valid: valid, context)
        case .ping:
            let touched = f.touched.sorted()
            f.touched.removeAll(keepingCapacity: true)
            sendToLeader(.pong(touched: touched), context)
        default:
            context.trace("zab.unexpected", "\(message.kind) from leader \(peer)")
        }
    }

    /// Makes the log the leader's: DIFF appends, TRUNC first cuts what the leader never had,
    /// SNAP replaces the whole history by the leader's snapshot (`Learner.syncWithLeader`).
    private func applySync(_ mode: SyncMode, truncateTo: Zxid, _ snapshot: ZabSnapshot?, _ txns: [Txn], _ context: ProcessContext) {
        switch mode {
        case .diff:
            break
        case .trunc:
            let keep = disk.count(upTo: truncateTo)
            let dropped = disk.endPosition - keep
            guard disk.truncate(to: keep), disk.lastZxid == truncateTo else {
                // The cut falls in history this server purged (only after it lost acknowledged
                // writes): start again empty, so the next sync is a SNAP.
                disk.erase()
                abandon("cannot truncate to \(truncateTo) below its snapshots", context)
                return
            }
            context.trace("zab.truncate", "\(mode.rawValue) to \(truncateTo), dropped \(dropped)")
            context.emit(ZabObservation.truncated(to: truncateTo, dropped: dropped))
        case .snap:
            let installed = snapshot ?? .empty
            precondition(installed.zxid == truncateTo, "SNAP of \(installed.zxid) announced as \(truncateTo)")
            let dropped = disk.endPosition - min(disk.endPosition, disk.count(upTo: truncateTo))
            disk.install(installed, then: [], sync: config.forceSync)
            context.trace("zab.truncate", "\(mode.rawValue) to \(truncateTo), dropped \(dropped)")
            context.emit(ZabObservation.truncated(to: truncateTo, dropped: dropped))
        }
        precondition(disk.lastZxid == truncateTo || mode == .diff, "sync left \(disk.lastZxid), wanted \(truncateTo)")
        for txn in txns {
            precondition(txn.zxid > disk.lastZxid, "sync out of order")
            logTxn(txn, context)
        }
        resetTree()
    }

    /// Goes back to LOOKING when the leader is silent past the limit of the current phase.
    func followerTick(_ context: ProcessContext) {
        let f = followerState
        let now = context.now
        if f.phase == .serving {
            if now - f.lastHeard > config.syncTimeout { abandon("leader silent past syncLimit", context) }
        } else if now - f.startedAt > config.initTimeout || now - f.lastHeard > config.initTimeout {
            abandon("not synced within initLimit", context)
        }
    }
}
