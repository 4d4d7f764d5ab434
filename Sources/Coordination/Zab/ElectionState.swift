import Simulation

/// The volatile state of fast leader election.
struct ElectionState {
    /// The election round (`logicalclock`); bumped at each new election, adopted from higher rounds.
    var round: Int64 = 0
    /// The vote this server currently proposes (or, once decided, the leader it settled on).
    var proposal = Vote(leader: HostID(0), zxid: .zero, epoch: 0)
    /// Votes of LOOKING servers in this round.
    var received: [HostID: Vote] = [:]
    /// Votes of servers that already follow or lead, with their round and state.
    var outOfElection: [HostID: (vote: Vote, round: Int64, state: ServerState)] = [:]
    /// FLE's `recvqueue.poll(notTimeout)`: fires when no notification came for `idleTimeout`.
    var idleTimer: TimerID?
    var idleTimeout: SimDuration = .zero
    /// FLE's finalize loop: running while this server has a quorum for its proposal and waits
    /// `finalizeWait` for a better vote; the poll for notifications is suspended meanwhile.
    var finalizeTimer: TimerID?
    /// The sequence number of the last notification sent, and of the last received per peer.
    var sentSequence: Int64 = 0
    var lastSequence: [HostID: Int64] = [:]
    /// Notifications to itself on their way back to the election loop, in the order sent, each
    /// with the timer that delivers it (``ZabConfig/selfNotificationTime``).
    var loopback: [(timer: TimerID, notification: Notification)] = []
    /// When the last notification to itself arrives: the queue is FIFO.
    var loopbackArrival: SimTime = .zero
    /// Set while the server shuts down the role it left (FOLLOWING or LEADING): until it goes
    /// LOOKING it still answers notifications with its old vote and this state.
    var stoppingFrom: ServerState?
    /// Set between going LOOKING and the election's first notification
    /// (``ZabConfig/electionStartTime``); notifications received meanwhile wait in `queued`.
    var startTimer: TimerID?
    var queued: [(notification: Notification, from: HostID)] = []
    var startedAt: SimTime = .zero
}
