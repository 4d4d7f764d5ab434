import Coordination
import Simulation
import Testing

/// A process that takes an exclusive lock, holds it for `holdFor`, then releases it.
final class LockUser: Process {
    let client: ZooKeeperClient
    let lock: ExclusiveLock
    let holdFor: SimDuration
    var acquiredAt: [SimTime] = []
    var releasedAt: [SimTime] = []
    var tokens: [Zxid] = []
    var asked = false

    init(servers: [HostID], id: String, holdFor: SimDuration) {
        client = ZooKeeperClient(servers: servers, sessionTimeout: .seconds(6))
        lock = ExclusiveLock(path: "/locks/job", ownerID: id)
        self.holdFor = holdFor
    }

    func start(_ context: ProcessContext) { handle(client.start(context), context) }
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) { handle(events, context) }
    }
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) {
            handle(events, context)
            return
        }
        releasedAt.append(context.now)
        lock.release(client, context)
    }
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for event in events {
            if event == .state(.connected) && !asked {
                asked = true
                react(lock.acquire(client, context), context)
            }
            react(lock.handle(event, client, context), context)
        }
    }

    private func react(_ events: [ExclusiveLock.Event], _ context: ProcessContext) {
        for case .acquired(let token) in events {
            acquiredAt.append(context.now)
            tokens.append(token)
            context.setTimer(after: holdFor, tag: 1)
        }
    }
}

@Suite struct LockAndMetricsTests {
    @Test func exclusiveLockIsHeldByOneAtATimeInQueueOrder() {
        let zk = Ensemble(size: 3, seed: 41)
        #expect(zk.runUntilStable())  // else the first user may still be looking for a server when the next starts
        var users: [HostID] = []
        for i in 0..<3 {
            users.append(zk.sim.addHost("user\(i)") { _ in LockUser(servers: zk.servers, id: "u\(i)", holdFor: .seconds(2)) })
            zk.sim.run(for: .seconds(1))
        }
        zk.sim.run(for: .seconds(20))
        let all = users.map { zk.sim.process(of: $0) as! LockUser }
        #expect(all.allSatisfy { $0.acquiredAt.count == 1 && $0.releasedAt.count == 1 })
        let intervals = all.map { ($0.acquiredAt[0], $0.releasedAt[0]) }.sorted { $0.0 < $1.0 }
        for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.1 <= b.0) }  // no overlap
        #expect(all.map { $0.tokens[0] } == all.map { $0.tokens[0] }.sorted())  // queue order = token order
        #expect(zk.checker.isClean)
    }

    @Test func metricsCountElectionsAndLeaderlessTime() {
        let zk = Ensemble(size: 3, seed: 43)
        let metrics = ZabMetrics(servers: zk.servers)
        zk.sim.addObserver(metrics)
        zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(20)) }
        #expect(zk.runUntilStable())
        zk.sim.run(for: .seconds(5))
        let leader = zk.leader!
        zk.sim.crash(leader)
        zk.sim.run(for: .seconds(5))
        zk.sim.crash(zk.leader!)  // two of three down: no quorum
        zk.sim.run(for: .seconds(10))
        zk.sim.restart(leader)
        #expect(zk.runUntilStable())
        let now = zk.sim.now
        #expect(metrics.electionCount == 3)
        #expect(metrics.electionDurations.allSatisfy { $0 < .seconds(1) || $0 > .seconds(9) })
        #expect(metrics.timeWithoutQuorum(at: now) >= .seconds(10))
        #expect(metrics.timeWithoutLeader(at: now) >= metrics.timeWithoutQuorum(at: now))
        #expect(metrics.writeLatencies.count >= 20)
        #expect(metrics.writeLatencies.sorted()[metrics.writeLatencies.count / 2] < .milliseconds(10))
    }

    @Test func checkerCatchesLostCommitsWhenSyncIsOff() {
        let zk = Ensemble(size: 3, seed: 45) { $0.forceSync = false }
        zk.sim.addHost("client") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(5)) }
        zk.sim.run(for: .seconds(5))
        for s in zk.servers { zk.sim.crash(s, loseUnsyncedWrites: true) }
        for s in zk.servers { zk.sim.restart(s) }
        zk.sim.addHost("client2") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(5, prefix: "/v")) }
        zk.sim.run(for: .seconds(10))
        #expect(zk.checker.violations.contains { $0.name == "committed-prefix" })
    }

    @Test func sameSeedSameTrace() {
        func digest() -> UInt64 {
            let zk = Ensemble(size: 5, seed: 77)
            for i in 0..<2 { zk.sim.addHost("c\(i)") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(30, prefix: "/p\(i)")) } }
            zk.sim.run(for: .seconds(4))
            zk.sim.crash(zk.leader!)
            zk.sim.partition([[zk.servers[0]], Array(zk.servers.dropFirst())])
            zk.sim.run(for: .seconds(20))
            return zk.sim.trace.digest
        }
        #expect(digest() == digest())
    }
}
