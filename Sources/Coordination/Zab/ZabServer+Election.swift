import Simulation

/// Fast leader election as ZooKeeper 3.8's `FastLeaderElection.lookForLeader`, driven by
/// datagram notifications (so a broken connection cannot silence an election).
///
/// The loop of `lookForLeader` becomes two timers: the idle timer is `recvqueue.poll(notTimeout)`
/// (restarted by every notification; on expiry the vote is sent to everyone again and the timeout
/// doubles from 200 ms up to 60 s), the finalize timer is the inner `poll(finalizeWait)` loop
/// that runs once a quorum backs this server's proposal (a notification that is not better is
/// dropped and the wait starts again; a better one ends the wait and is handled as usual).
/// A server that has decided answers a LOOKING peer with the vote it decided on and its state
/// (`WorkerReceiver`), which is how a server that still shuts down its old role hands a stale
/// FOLLOWING vote to a peer that already looks — the cause of the measured 200 ms steps.
/// A server's notifications go to itself too and come back through its receive queue
/// (``ZabConfig/selfNotificationTime``): its own vote counts only once it is back, and its
/// arrival restarts the wait — which is why, after a killed leader, the winner's timeout usually
/// fires before the loser's resent vote reaches it.
extension ZabServer {
    /// The vote this server casts for itself: its current epoch and the last zxid it logged.
    var selfVote: Vote { Vote(leader: me, zxid: disk.lastZxid, epoch: disk.currentEpoch.current) }

    /// The state notifications report: the role being shut down counts until LOOKING starts.
    var notificationState: ServerState { election.stoppingFrom ?? state }

    /// Leaves FOLLOWING or LEADING: the role's shutdown takes `shutdownTime` plus reading the
    /// current log file, then LOOKING starts (`QuorumPeer.run`: `follower.shutdown()` /
    /// `leader.shutdown()`, then `updateServerState`).
    func stopRole(was previous: ServerState, _ context: ProcessContext) {
        role = .looking
        isServing = false
        election.stoppingFrom = previous
        let shutdown = context.random { config.shutdownTime.sampleDuration(&$0) }
        context.setTimer(after: shutdown + config.logReadTimePerTxn * Int64(snapshots.logged), tag: Tag.stopped)
    }

    func roleStopped(_ context: ProcessContext) {
        guard election.stoppingFrom != nil else { return }
        startLooking(context)
    }

    /// Goes LOOKING; the election itself starts ``ZabConfig/electionStartTime`` later.
    func startLooking(_ context: ProcessContext) {
        role = .looking
        election.stoppingFrom = nil
        isServing = false
        resetTree()
        commitZxid = .zero
        cancelElectionTimers(context)
        context.emit(ZabObservation.state(.looking))
        let delay = context.random { config.electionStartTime.sampleDuration(&$0) }
        election.startTimer = context.setTimer(after: delay, tag: Tag.electionStart)
    }

    /// `lookForLeader` proper: a new round, a vote for itself to everyone, then the notifications
    /// that arrived since going LOOKING, in their order.
    func electionStarts(_ timer: TimerID, _ context: ProcessContext) {
        guard timer == election.startTimer else { return }
        election.startTimer = nil
        election.round += 1
        election.proposal = selfVote
        election.received = [:]  // `recvset` starts empty; the own vote arrives by loopback
        election.outOfElection = [:]
        election.idleTimeout = config.minNotificationInterval
        election.startedAt = context.now
        context.trace("zab.looking", "round \(election.round) vote \(election.proposal)")
        broadcastNotification(context)
        armIdleTimer(context)
        let queued = election.queued
        election.queued = []
        for (n, peer) in queued { receiveNotification(n, from: peer, context) }
    }

    /// Whether this server runs an election now (LOOKING, not still shutting down a role, started).
    var isElecting: Bool {
        guard case .looking = role else { return false }
        return election.stoppingFrom == nil && election.startTimer == nil
    }

    /// `sendNotifications`: to every voter in server-id order, this server included.
    func broadcastNotification(_ context: ProcessContext) {
        for peer in config.servers { sendNotification(to: peer, context) }
    }

    func sendNotification(to peer: HostID, _ context: ProcessContext) {
        election.sentSequence += 1
        let n = Notification(
            vote: election.proposal, round: election.round, state: notificationState, sequence: election.sentSequence)
        guard peer != me else {
            // `QuorumCnxManager.toSend` to itself: onto the receive queue, first in first out.
            let delay = context.random { config.selfNotificationTime.sampleDuration(&$0) }
            let arrival = max(context.now + delay, election.loopbackArrival)
            election.loopbackArrival = arrival
            election.loopback.append((context.setTimer(after: arrival - context.now, tag: Tag.loopback), n))
            return
        }
        context.sendDatagram(PeerMessage.notification(n), to: peer)
    }

    func loopbackArrived(_ timer: TimerID, _ context: ProcessContext) {
        guard let index = election.loopback.firstIndex(where: { $0.timer == timer }) else { return }
        let n = election.loopback.remove(at: index).notification
        receiveNotification(n, from: me, context)
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
        guard timer == election.idleTimer, isElecting else { return }
        broadcastNotification(context)
        election.idleTimeout = min(election.idleTimeout * 2, config.maxNotificationInterval)
        armIdleTimer(context)
    }

    func receiveNotification(_ n: Notification, from peer: HostID, _ context: ProcessContext) {
        guard config.servers.contains(peer) else { return }
        if election.startTimer != nil {
            election.queued.append((n, peer))  // `recvqueue`, polled once `lookForLeader` runs
            return
        }
        guard n.sequence > election.lastSequence[peer, default: 0] else { return }  // duplicated or reordered
        election.lastSequence[peer] = n.sequence
        guard isElecting else {
            // A decided server answers a LOOKING peer with the leader it settled on, so latecomers join.
            if n.state == .looking { sendNotification(to: peer, context) }
            return
        }
        if election.finalizeTimer != nil {
            guard n.vote > election.proposal else {
                restartFinalize(context)  // dropped, as FLE's finalize loop drops it
                return
            }
            cancelFinalize(context)  // FLE puts it back in the queue and handles it in the main loop
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
            broadcastNotification(context)
        } else if n.round < election.round {
            sendNotification(to: peer, context)  // bring the laggard to our round
            return
        } else if n.vote > election.proposal {
            election.proposal = n.vote
            broadcastNotification(context)
        }
        election.received[peer] = n.vote
        if hasQuorum(for: election.proposal, in: election.received) { restartFinalize(context) }
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

    /// Starts (or starts again) the finalize wait; the idle poll is suspended while it runs.
    private func restartFinalize(_ context: ProcessContext) {
        cancelElectionTimers(context)
        election.finalizeTimer = context.setTimer(after: config.finalizeWait, tag: Tag.finalize)
    }

    private func cancelFinalize(_ context: ProcessContext) {
        if let t = election.finalizeTimer { context.cancelTimer(t) }
        election.finalizeTimer = nil
    }

    func finalizeTimeout(_ timer: TimerID, _ context: ProcessContext) {
        guard timer == election.finalizeTimer, isElecting else { return }
        election.finalizeTimer = nil
        precondition(hasQuorum(for: election.proposal, in: election.received), "finalizing without a quorum")
        decide(election.proposal, context)
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
