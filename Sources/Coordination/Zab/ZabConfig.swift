import Foundation
import Simulation

/// The timing knobs of a Zab ensemble, named and defaulted as in ZooKeeper's `zoo_sample.cfg`.
///
/// Everything a server waits for is a multiple of `tickTime`: a follower must sync within
/// `initLimit` ticks and may stay silent at most `syncLimit` ticks; sessions are clamped to
/// [`minSessionTimeoutTicks`, `maxSessionTimeoutTicks`] ticks.
public struct ZabConfig: Sendable {
    /// The servers of the ensemble (their host ids double as ZooKeeper's server ids).
    public var servers: [HostID]
    public var tickTime: SimDuration = .seconds(2)
    public var initLimit: Int64 = 10
    public var syncLimit: Int64 = 5
    /// How long a server that sees a quorum for its vote waits for a better one; every notification
    /// that is not better restarts the wait (`FastLeaderElection.finalizeWait`, a constant 200 ms).
    public var finalizeWait: SimDuration = .milliseconds(200)
    /// The first idle timeout of election; it doubles up to `maxNotificationInterval`.
    public var minNotificationInterval: SimDuration = .milliseconds(200)
    public var maxNotificationInterval: SimDuration = .seconds(60)
    /// Time a server's notification to itself takes to come back to its own election loop.
    /// `FastLeaderElection.sendNotifications` sends to every voter, itself included;
    /// `QuorumCnxManager.toSend` puts the one addressed to itself straight on its receive queue,
    /// from which `WorkerReceiver` hands it to `lookForLeader`: two thread hand-offs, where a
    /// notification to a peer also crosses `SendWorker`, the socket and the peer's `RecvWorker`
    /// (the link latency). Its arrival restarts the notification timeout, and only through it
    /// does a server's own vote enter its `recvset`. Fitted: with the default link latency
    /// (uniform 0.2–0.8 ms) it lets the winner's timeout fire before the loser's resent vote
    /// arrives in 86% of the races after a killed leader (measured: 87%, `docs/faithfulness.md`).
    public var selfNotificationTime: Distribution = .uniform(min: 0.0001, max: 0.0005)
    /// A follower whose connection to the leader is refused (the leader is not listening yet)
    /// tries again after this, at most `leaderConnectTries` times in all and within
    /// `initLimit × tickTime` (`Learner.connectToLeader`: `leaderConnectDelayDuringRetryMs`, 5 tries).
    public var leaderConnectRetryDelay: SimDuration = .milliseconds(100)
    public var leaderConnectTries = 5
    /// Time from deciding to lead to accepting learners' connections: `QuorumPeer.run` builds
    /// the `LeaderZooKeeperServer` and the `Leader`, whose constructor binds the quorum port. Not
    /// measured: a real 3.8 follower's first connection was refused in every measured election
    /// (it decides one message earlier than the leader); any value between a round trip and
    /// `leaderConnectRetryDelay` reproduces that.
    public var leaderListenDelay: SimDuration = .milliseconds(5)
    /// Time a server takes to leave FOLLOWING or LEADING before it goes LOOKING, seconds, besides
    /// reading its transaction log (``logReadTimePerTxn``): `QuorumPeer.run` calls
    /// `Follower.shutdown` / `Leader.shutdown`, which stop the request processors and close the
    /// sockets; meanwhile it still answers election notifications with its old vote and state.
    /// Fitted to a real 3.8 ensemble on 2 vCPUs (kill -9 of the leader, 140 trials, 280
    /// survivors, `docs/faithfulness.md`): LOOKING after 27.6 ms (median) plus 1.1 µs per
    /// transaction in the current log file; the rest is lognormal with σ 0.27.
    public var shutdownTime: Distribution = .lognormal(mu: log(0.0276), sigma: 0.27)
    /// Time per transaction in the current log file to leave a role: `ZooKeeperServer.shutdown`
    /// calls `ZKDatabase.fastForwardDataBase`, which reads the log from the file holding the next
    /// zxid (`FileTxnSnapLog.fastForwardFromEdits` → `FileTxnIterator`), from that file's first
    /// record — and a server's current file holds everything it logged since its last snapshot or
    /// start (`SyncRequestProcessor` rolls the log when it snapshots). Fitted: 1.1 µs per
    /// transaction on loopback with small writes (page cache); larger transactions or a cold disk
    /// cost more. This makes who goes LOOKING first depend on the servers' histories.
    public var logReadTimePerTxn = SimDuration(nanoseconds: 1_100)
    /// Time from going LOOKING to the first notification (`QuorumPeer.run` logs LOOKING, then
    /// `FastLeaderElection.lookForLeader` registers its JMX bean and only then bumps the round and
    /// sends); notifications that arrive meanwhile wait in the receive queue. Fitted to the same
    /// measurement: the election takes one finalize wait (≈210 ms) unless the winner went LOOKING
    /// more than 5–8 ms before the loser — then its first notification reaches a loser still
    /// FOLLOWING, which answers with its stale vote, and the 200 ms notification timeout follows.
    public var electionStartTime: Distribution = .uniform(min: 0.005, max: 0.008)
    public var minSessionTimeoutTicks: Int64 = 2
    public var maxSessionTimeoutTicks: Int64 = 20
    /// Whether log and epoch writes are synced before they are acknowledged (ZooKeeper's `forceSync`).
    /// With `false`, a crash that loses unsynced writes can lose acknowledged transactions.
    public var forceSync = true
    /// A server snapshots its tree once it logged more than `snapCount / 2 + r` transactions
    /// since the last snapshot, `r` drawn uniformly from `0 ..< snapCount / 2` anew each time so
    /// the servers do not all snapshot together (`SyncRequestProcessor.shouldSnapshot`,
    /// `resetSnapshotStats`; `zookeeper.snapCount`, default 100 000).
    public var snapCount = 100_000
    /// How many snapshots (and the log after the oldest of them) the purge keeps
    /// (`autopurge.snapRetainCount`, default and minimum 3).
    public var snapRetainCount = 3
    /// How often the purge runs, first at start (`autopurge.purgeInterval`, in hours; ZooKeeper's
    /// default 0 turns it off and lets the disk grow, which here is memory: Nines purges hourly,
    /// which changes no sync decision, see ``snapshotSizeFactor``). Nil turns it off.
    public var purgeInterval: SimDuration? = .hours(1)
    /// How many recent committed transactions a leader keeps in memory to sync learners from
    /// (`ZKDatabase.commitLogCount`, `zookeeper.commitLogCount`, default 500).
    public var commitLogCount = 500
    /// A learner behind the in-memory committed log is synced from the transaction log only if
    /// the log files to read are at most this fraction of the snapshot's size, else by SNAP
    /// (`ZKDatabase.calculateTxnLogSizeLimit`, `zookeeper.snapshotSizeFactor`, default 0.33; a
    /// negative value always sends SNAP).
    public var snapshotSizeFactor = 0.33
    /// The size a transaction log file takes on disk: ZooKeeper preallocates each in blocks of
    /// 64 MB (`FilePadding`, `zookeeper.preAllocSize`), and the size limit above compares file
    /// sizes (`FileTxnIterator.getStorageSize`) — so with a snapshot under 3 × 64 MB a learner
    /// behind the committed log always gets SNAP.
    public var txnLogFileBytes = 64 << 20

    public init(servers: [HostID]) {
        precondition(!servers.isEmpty, "an ensemble needs servers")
        self.servers = servers.sorted()
    }

    /// The smallest majority of the ensemble.
    public var quorumSize: Int { servers.count / 2 + 1 }
    public var initTimeout: SimDuration { tickTime * initLimit }
    public var syncTimeout: SimDuration { tickTime * syncLimit }

    /// Clamps a client's requested session timeout to [minSessionTimeout, maxSessionTimeout],
    /// by default [2, 20] × tickTime (`ZooKeeperServer.processConnectRequest`; the defaults in
    /// `ZooKeeperServer.setMinSessionTimeout` / `setMaxSessionTimeout`).
    public func negotiate(sessionTimeout requested: SimDuration) -> SimDuration {
        let low = tickTime * minSessionTimeoutTicks
        let high = tickTime * maxSessionTimeoutTicks
        return min(max(requested, low), high)
    }
}
