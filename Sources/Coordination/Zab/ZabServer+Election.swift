import Simulation

/// Fast leader election (ZooKeeper's `FastLeaderElection`), driven by datagram notifications.
///
/// Notifications travel as datagrams so that a broken connection cannot silence an election;
/// each is resent on the idle timeout, which starts at 200 ms and doubles up to 60 s.
extension ZabServer {
    /// The vote this server casts for itself: its current epoch and the last zxid it logged.
    var selfVote: Vote { Vote(leader: me, zxid: disk.lastZxid, epoch: disk.currentEpoch.current) }

    func startLooking(_ context: ProcessContext) {
        role = .looking
        isServing = false
        resetTree()
        commitZxid = .zero
        cancelElectionTimers(context)
        election.round += 1
        election.proposal = selfVote
        election.received = [me: election.proposal]
        election.outOfElection = [:]
        election.bufferedInfos = [:]
        election.idleTimeout = config.minNotificationInterval
        election.startedAt = context.now
        context.trace("zab.looking", "round \(election.round) vote \(election.proposal)")
        context.emit(ZabObservation.state(.looking))
        broadcastNotification(context)
        armIdleTimer(context)
    }

    func broadcastNotification(_ context: ProcessContext) {
        for peer in config.servers where peer != me { sendNotification(to: peer, context) }
    }

    func sendNotification(to peer: HostID, _ context: ProcessContext) {
        election.sentSequence += 1
        let n = Notification(vote: election.proposal, round: election.round, state: state, sequence: election.sentSequence)
        context.sendDatagram(PeerMessage.notification(n), to: peer)
    }

    func armIdleTimer(_ context: ProcessContext) {
        if let t = election.idleTimer { context.cancelTimer(t) }
        election.idleTimer = context.setTimer(after: election.idleTimeout, tag: Tag.electionIdle)
    }

    func cancelElectionTimers(_ context: ProcessContext) {
        if let t = election.idleTimer { context.cancelTimer(t) }
        if let t = election.finalizeTimer { context.cancelTimer(t) }
        election.idleTimer = nil
        election.finalizeTimer = nil
    }

    func electionIdleTimeout(_ timer: TimerID, _ context: ProcessContext) {
        guard timer == election.idleTimer, case .looking = role else { return }
        broadcastNotification(context)
        election.idleTimeout = min(election.idleTimeout * 2, config.maxNotificationInterval)
        armIdleTimer(context)
    }

    func receiveNotification(_ n: Notification, from peer: HostID, _ context: ProcessContext) {
        guard config.servers.contains(peer) else { return }
        guard n.sequence > election.lastSequence[peer, default: 0] else { return }  // duplicated or reordered
        election.lastSequence[peer] = n.sequence
        guard case .looking = role else {
            // A decided server answers a LOOKING peer with the leader it settled on, so latecomers join.
            if n.state == .looking { sendNotification(to: peer, context) }
            return
        }
        armIdleTimer(context)
        if n.state == .looking {
            lookingPeerNotification(n, from: peer, context)
        } else {
            decidedPeerNotification(n, from: peer, context)
        }
    }

    private func lookingPeerNotification(_ n: Notification, from peer: HostID, _ context: ProcessContext) {
        if n.round > election.round {
            election.round = n.round
            election.received = [:]
            election.proposal = max(n.vote, selfVote)
            cancelFinalize(context)
            broadcastNotification(context)
        } else if n.round < election.round {
            sendNotification(to: peer, context)  // bring the laggard to our round
            return
        } else if n.vote > election.proposal {
            election.proposal = n.vote
            cancelFinalize(context)
            broadcastNotification(context)
        }
        election.received[peer] = n.vote
        election.received[me] = election.proposal
        if hasQuorum(for: election.proposal, in: election.received), election.finalizeTimer == nil {
            election.finalizeTimer = context.setTimer(after: config.finalizeWait, tag: Tag.finalize)
        }
    }

    private func decidedPeerNotification(_ n: Notification, from peer: HostID, _ context: ProcessContext) {
        if n.round == election.round {
            election.received[peer] = n.vote
            if hasQuorum(for: n.vote, in: election.received), leaderConfirmed(n.vote) {
                decide(n.vote, context)
                return
            }
        }
        election.outOfElection[peer] = (n.vote, n.round, n.state)
        let votes = election.outOfElection.mapValues(\.vote)
        if hasQuorum(for: n.vote, in: votes), leaderConfirmed(n.vote) {
            election.round = n.round
            decide(n.vote, context)
        }
    }

    /// FLE's `checkLeader`: follow someone else only once that server says it leads.
    private func leaderConfirmed(_ vote: Vote) -> Bool {
        if vote.leader == me { return true }
        return election.outOfElection[vote.leader]?.state == .leading
    }

    func hasQuorum(for vote: Vote, in votes: [HostID: Vote]) -> Bool {
        votes.values.lazy.filter { $0 == vote }.count >= config.quorumSize
    }

    private func cancelFinalize(_ context: ProcessContext) {
        if let t = election.finalizeTimer { context.cancelTimer(t) }
        election.finalizeTimer = nil
    }

    func finalizeTimeout(_ timer: TimerID, _ context: ProcessContext) {
        guard timer == election.finalizeTimer, case .looking = role else { return }
        election.finalizeTimer = nil
        if hasQuorum(for: election.proposal, in: election.received) { decide(election.proposal, context) }
    }

    /// Ends the election: lead if the quorum's vote names this server, follow otherwise.
    private func decide(_ vote: Vote, _ context: ProcessContext) {
        cancelElectionTimers(context)
        election.proposal = vote
        context.trace("zab.decided", "round \(election.round) leader \(vote.leader) after \(context.now - election.startedAt)")
        if vote.leader == me {
            startLeading(context)
        } else {
            startFollowing(vote.leader, context)
        }
    }
}
