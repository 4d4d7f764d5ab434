import Coordination
@testable import Scheduler
import Simulation
import Testing

/// A bare host embedding ``ZooKeeperCoordination`` with Oozie's session settings; records every
/// event with its time.
final class SessionWatcher: Process {
    let coordination: ZooKeeperCoordination
    var events: [(time: SimTime, event: CoordinationEvent)] = []

    init(servers: [HostID], connectionLoss: CuratorConnectionLoss) {
        coordination = ZooKeeperCoordination(servers: servers, owner: "watcher", connectionLoss: connectionLoss)
    }

    // Everything the host gets is the adapter's (`nil`: not its own, nothing to record).
    func start(_ context: ProcessContext) { record(coordination.start(context), context) }
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        record(coordination.receive(message, from: peer, context), context)
    }
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) { record(coordination.timerFired(timer, tag: tag, context), context) }
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        record(coordination.connectionClosed(connection, peer: peer, context), context)
    }
    func record(_ events: [CoordinationEvent]?, _ context: ProcessContext) {
        events?.forEach { self.events.append((context.now, $0)) }
    }
    func times(of wanted: CoordinationEvent) -> [SimTime] { events.filter { $0.event == wanted }.map(\.time) }
}

/// Curator 2.5.0's second route to LOST (`CuratorFrameworkImpl.doSyncForSuspendedConnection`)
/// with Oozie's retry policy (`ZKUtils`: connection timeout 180 s, `ExponentialBackoffRetry(1000,
/// 10)`), and Curator ≥ 3.0's LOST one session timeout after SUSPENDED.
@Suite struct CuratorConnectionLossTests {
    func oozieSync() -> CuratorSuspendedSync {
        CuratorSuspendedSync(
            suspendedAt: .zero, connectionTimeout: .seconds(180), sessionTimeout: .seconds(300), maxRetries: 10,
            baseSleep: .seconds(1))
    }

    /// Runs the sync to its end; returns the LOST time and the reset times.
    func runToLost(_ sync: inout CuratorSuspendedSync, draw: (Int) -> Int) -> (lost: SimTime, resets: [SimTime]) {
        var now = SimTime.zero
        var resets: [SimTime] = []
        for _ in 0..<100 {
            switch sync.attempt(at: now, draw: draw) {
            case .retry(let at, let reset):
                if reset { resets.append(now) }
                now = at
            case .lost(let reset):
                if reset { resets.append(now) }
                return (now, resets)
            }
        }
        Issue.record("the sync never ended")
        return (now, resets)
    }

    /// Shortest sleeps (1 s each): the loss is thrown from 180 s (connection timeout), ten retries
    /// later it is LOST, before any reset (the 300 s session timeout Curator was configured with).
    @Test func withTheShortestBackOffLostComesAtOneHundredNinetySeconds() {
        var sync = oozieSync()
        let (lost, resets) = runToLost(&sync) { _ in 0 }
        #expect(lost == .zero + .seconds(190))
        #expect(resets.isEmpty)
    }

    /// Longest sleeps (1, 3, 7 … 1023 s): the first attempt past 300 s replaces the handle (427 s),
    /// so the exhausted retries start a second sync, whose end is LOST: 4432 s (74 min).
    @Test func withTheLongestBackOffAResetForcesASecondSync() {
        var sync = oozieSync()
        let (lost, resets) = runToLost(&sync) { $0 - 1 }
        #expect(resets.first == .zero + .seconds(427))
        #expect(resets.map(\.seconds) == [427, 1193, 2216, 2643, 3409, 4432])
        #expect(sync.isSecondSync)
        #expect(lost == .zero + .seconds(4432))
    }

    /// A server cut off from the whole ensemble with Curator 2.5: SUSPENDED once its client gives up
    /// (2/3 of 40 s), LOST only when the sync runs out — long after the ensemble expired the session
    /// (40 s) — and meanwhile, past 300 s, a new handle with a new session.
    @Test func curatorTwoFiveLosesACutOffSessionOnlyWhenItsRetriesRunOut() throws {
        for seed in UInt64(1)...UInt64(3) {
            let (sim, watcher) = try cutOff(seed: seed, connectionLoss: .oozie, for: .hours(3))
            let suspended = try #require(watcher.times(of: .sessionSuspended).first, "seed \(seed)")
            let lost = try #require(watcher.times(of: .sessionLost).first, "seed \(seed): LOST at last")
            let seconds = (lost - suspended).seconds
            #expect((190...4432).contains(seconds), "seed \(seed): LOST \(seconds) s after SUSPENDED")
            if seconds > 300 { #expect(watcher.coordination.sessions >= 3, "seed \(seed): a reset, then LOST's new session") }
            _ = sim
        }
    }

    /// Curator ≥ 3.0 (as 5.4): LOST exactly one negotiated session timeout (40 s) after SUSPENDED.
    @Test func curatorFiveLosesItAfterOneSessionTimeout() throws {
        let (_, watcher) = try cutOff(seed: 1, connectionLoss: .sessionTimeout, for: .minutes(10))
        let suspended = try #require(watcher.times(of: .sessionSuspended).first)
        let lost = try #require(watcher.times(of: .sessionLost).first)
        #expect(lost - suspended == .seconds(40))
    }

    /// A connection back within the session ends the suspension: no LOST.
    @Test func aShortCutEndsWithoutLost() throws {
        let (_, watcher) = try cutOff(seed: 1, connectionLoss: .oozie, for: .seconds(30))
        #expect(watcher.times(of: .sessionSuspended).count == 1)
        #expect(watcher.times(of: .sessionLost).isEmpty)
        #expect(watcher.coordination.sessions == 1)
    }

    /// Three ZooKeeper servers and the watcher; after 20 s its links to the ensemble are cut for `span`.
    func cutOff(seed: UInt64, connectionLoss: CuratorConnectionLoss, for span: SimDuration) throws -> (Simulator, SessionWatcher) {
        let sim = Simulator(seed: seed)
        let zab = ZabConfig(servers: (0..<3).map { HostID($0) })
        for i in 0..<3 { sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: zab) }) }
        let watcher = SessionWatcher(servers: zab.servers, connectionLoss: connectionLoss)
        let host = sim.addHost("oozie", process: { _ in watcher })
        sim.run(until: .zero + .seconds(20))
        #expect(watcher.times(of: .sessionEstablished).count == 1, "connected before the cut")
        for zk in zab.servers {
            sim.cutLink(from: host, to: zk)
            sim.cutLink(from: zk, to: host)
        }
        sim.run(for: span)
        for zk in zab.servers {
            sim.healLink(from: host, to: zk)
            sim.healLink(from: zk, to: host)
        }
        sim.run(for: .seconds(60))
        return (sim, watcher)
    }
}
