import Simulation

/// How Curator turns a disconnection (SUSPENDED) into LOST when no Expired notice arrives — the
/// second route to LOST, which differs by Curator version. (The first, ZooKeeper's Expired heard on
/// a reconnect, is the same in every version.)
public enum CuratorConnectionLoss: Equatable, Sendable {
    /// Curator 2.x (Oozie ships 2.5.0): on SUSPENDED, `CuratorFrameworkImpl.suspendConnection` starts
    /// a background sync (`doSyncForSuspendedConnection`) that runs through the retry policy; LOST
    /// comes when the retries run out (``CuratorSuspendedSync``). On the way, `ConnectionState.checkTimeouts`
    /// replaces the ZooKeeper handle — a new session — once the disconnection outlasts
    /// max(session timeout asked, connection timeout).
    case retryPolicy(connectionTimeout: SimDuration, maxRetries: Int, baseSleep: SimDuration)
    /// Curator ≥ 3.0: `ConnectionStateManager.processEvents` posts LOST (injecting a session
    /// expiration) once SUSPENDED has lasted the negotiated session timeout
    /// (`checkSessionExpiration`, `sessionExpirationPercent` 100; tech note 14).
    case sessionTimeout

    /// Oozie's settings (`util/ZKUtils.java`): `oozie.zookeeper.connection.timeout` = 180 s and
    /// `ExponentialBackoffRetry(1000, oozie.zookeeper.max.retries = 10)`.
    public static let oozie = retryPolicy(connectionTimeout: .seconds(180), maxRetries: 10, baseSleep: .seconds(1))
}

/// Curator 2.5.0's background sync after SUSPENDED, as a sans-IO state machine of simulated time.
///
/// The sync is an `OperationAndData` re-run by the background loop (`CuratorFrameworkImpl.performBackgroundOperation`):
/// - while disconnected it calls `client.getZooKeeper()`, whose `ConnectionState.checkTimeouts`
///   measures the time since the connection state last changed: past min(session, connection
///   timeout) it throws a connection loss, past max(session, connection timeout) it *resets* instead
///   (closes the handle and opens a new one: a new session, the instance index moves on);
/// - if that did not throw and the operation is younger than the connection timeout it sleeps 1 s
///   and runs again; otherwise the connection loss goes to the retry policy (`checkBackgroundRetry`);
/// - `ExponentialBackoffRetry.getSleepTimeMs`: retry k sleeps base × max(1, random(2^(k+1))), up to
///   `maxRetries` retries;
/// - when they run out, `retriesExhausted` posts LOST if the handle is the one the sync started
///   with (or it is the second sync); after a reset it starts one more sync (instance −1) first.
///
/// With Oozie's settings (180 s, 10 retries of 1 s base) LOST comes 180 s + the ten sleeps (about
/// 17 minutes on average) after the disconnection, twice that when a reset happened — minutes
/// after the session itself expired on the ensemble (40 s).
struct CuratorSuspendedSync: Equatable {
    enum Step: Equatable {
        /// Run `attempt` again at this time; `reset`: replace the ZooKeeper handle now.
        case retry(at: SimTime, reset: Bool)
        /// Post LOST now (after a reset at this very attempt, if `reset`).
        case lost(reset: Bool)
    }

    let connectionTimeout: SimDuration
    /// The session timeout Curator was configured with (Oozie's 300 s, not the negotiated one).
    let sessionTimeout: SimDuration
    let maxRetries: Int
    let baseSleep: SimDuration
    /// When the connection state last changed (`ConnectionState.connectionStartMs`).
    private(set) var connectionStart: SimTime
    /// When the current sync operation was created (`OperationAndData.startTimeMs`).
    private(set) var operationStart: SimTime
    private(set) var retries = 0
    /// Handles opened since the sync started; the second sync (instance −1) ignores it.
    private(set) var resets = 0
    private(set) var isSecondSync = false

    init(suspendedAt now: SimTime, connectionTimeout: SimDuration, sessionTimeout: SimDuration, maxRetries: Int, baseSleep: SimDuration) {
        precondition(connectionTimeout > .zero && sessionTimeout > .zero && maxRetries >= 0 && baseSleep > .zero)
        self.connectionTimeout = connectionTimeout
        self.sessionTimeout = sessionTimeout
        self.maxRetries = maxRetries
        self.baseSleep = baseSleep
        connectionStart = now
        operationStart = now
    }

    /// The first attempt runs at once (the sync is queued when SUSPENDED is posted).
    var firstAttempt: SimTime { operationStart }

    /// One run of the background operation at `now`; `draw(n)` is a uniform integer in 0..<n.
    mutating func attempt(at now: SimTime, draw: (Int) -> Int) -> Step {
        precondition(now >= operationStart && now >= connectionStart, "attempts run forward in time")
        var reset = false
        var connectionLoss = false
        let sinceChange = now - connectionStart
        if sinceChange >= min(sessionTimeout, connectionTimeout) {
            if sinceChange > max(sessionTimeout, connectionTimeout) {
                reset = true
                resets += 1
                connectionStart = now
            } else {
                connectionLoss = true
            }
        }
        if !connectionLoss && now - operationStart < connectionTimeout {
            return .retry(at: nextLoopRun(after: now), reset: reset)
        }
        if retries < maxRetries {
            let bound = 1 << min(retries + 1, 30)
            let sleep = baseSleep * Int64(max(1, draw(bound)))
            retries += 1
            return .retry(at: now + sleep, reset: reset)
        }
        if isSecondSync || resets == 0 { return .lost(reset: reset) }
        // The handle was replaced under the sync: start one more, whose exhaustion is final.
        isSecondSync = true
        operationStart = now
        retries = 0
        return .retry(at: now, reset: reset)
    }

    /// The 1 s loop only matters when it reaches the connection timeout or a `checkTimeouts`
    /// threshold: skip to the first 1 s step that does (the steps in between change nothing).
    private func nextLoopRun(after now: SimTime) -> SimTime {
        let step = SimDuration.seconds(1).nanoseconds
        let threshold = min(sessionTimeout, connectionTimeout)
        var target = operationStart + connectionTimeout
        let change = connectionStart + threshold
        if change < target { target = change }
        let offset = max(now.nanoseconds + 1, target.nanoseconds) - operationStart.nanoseconds
        let steps = (offset + step - 1) / step
        return SimTime(nanoseconds: operationStart.nanoseconds + steps * step)
    }
}
