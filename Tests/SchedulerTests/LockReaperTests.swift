import Coordination
import Scheduler
import Simulation
import Testing

/// A bare host embedding ``ZooKeeperCoordination`` with Oozie's lock reaper: takes each scripted
/// lock at its time and holds it for its hold.
final class ReapingLocker: Process {
    let coordination: ZooKeeperCoordination
    let script: [(at: SimDuration, key: String, hold: SimDuration)]
    var releases: [TimerID: String] = [:]
    var holds: [String: SimDuration] = [:]

    init(servers: [HostID], member: String, script: [(at: SimDuration, key: String, hold: SimDuration)]) {
        coordination = ZooKeeperCoordination(
            servers: servers, owner: member, lockReaperThreshold: ZooKeeperCoordination.oozieLockReaperThreshold)
        self.script = script
    }

    func start(_ context: ProcessContext) {
        handle(coordination.start(context), context)
        for (i, step) in script.enumerated() { _ = context.setTimer(after: step.at, tag: 100 + i) }
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = coordination.receive(message, from: peer, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = coordination.timerFired(timer, tag: tag, context) { return handle(events, context) }
        if let key = releases.removeValue(forKey: timer) { return handle(coordination.releaseLock(key, context), context) }
        let step = script[tag - 100]
        holds[step.key] = step.hold
        handle(coordination.acquireLock(step.key, timeout: .seconds(5), context), context)
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = coordination.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    func handle(_ events: [CoordinationEvent], _ context: ProcessContext) {
        for case .lockAcquired(let key, _) in events {
            releases[context.setTimer(after: holds[key] ?? .zero, tag: 99)] = key
        }
    }
}

/// Oozie's `ZKLocksService` reaper (Curator 2.5.0 `ChildReaper`, threshold 300 s): the holder of
/// `/oozie/services/locksChildReaperLeaderPath` lists `/oozie/locks` every 300 s from its start and
/// deletes a directory at the third check in a row (100 s apart) that finds it empty.
@Suite struct LockReaperTests {
    let job = "0000001-oozie-W"
    var directory: String { "/oozie/locks/" + job }

    func cluster(_ scripts: [[(at: SimDuration, key: String, hold: SimDuration)]]) -> (Simulator, [HostID], [HostID]) {
        let sim = Simulator(seed: 5)
        let zab = ZabConfig(servers: (0..<3).map { HostID($0) })
        let zk = (0..<3).map { i in sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: zab) }) }
        let lockers = scripts.enumerated().map { i, script in
            sim.addHost("server-\(i + 1)", process: { _ in ReapingLocker(servers: zk, member: "server-\(i + 1)", script: script) })
        }
        return (sim, zk, lockers)
    }

    func exists(_ path: String, _ sim: Simulator, _ zk: [HostID]) -> Bool {
        let leader = zk.compactMap { sim.process(of: $0) as? ZabServer }.first { $0.state == .leading }!
        return leader.tree.node(path) != nil
    }

    func reaper(_ sim: Simulator, _ host: HostID) -> ChildReaper { (sim.process(of: host) as! ReapingLocker).coordination.reaper! }

    @Test func anEmptyLockDirectoryGoesAtTheThirdEmptyCheck() {
        let (sim, zk, lockers) = cluster([[(.seconds(10), job, .seconds(1))], []])
        sim.run(until: .zero + .seconds(12))
        #expect(exists(directory, sim, zk), "Curator 2.5.0 leaves the directory behind")
        // Listed at 300 s, checked at 400, 500 and 600 s (plus a few read latencies).
        sim.run(until: .zero + .seconds(599))
        #expect(exists(directory, sim, zk))
        sim.run(until: .zero + .seconds(601))
        #expect(!exists(directory, sim, zk))
        #expect(lockers.map { reaper(sim, $0).reaped }.sorted() == [0, 1], "one reaper, the latch holder, deletes")
        // The other server's listing at 600 s may still have seen it; its next listing forgets it.
        sim.run(until: .zero + .seconds(901))
        #expect(lockers.allSatisfy { reaper(sim, $0).knownPaths.isEmpty })
    }

    @Test func aHeldLockIsKeptAndItsDirectoryReapedAfterTheRelease() {
        let (sim, zk, _) = cluster([[(.seconds(10), job, .seconds(2_000))], []])
        sim.run(until: .zero + .seconds(2_005))
        let leader = zk.compactMap { sim.process(of: $0) as? ZabServer }.first { $0.state == .leading }!
        #expect(leader.tree.node(directory)?.children.count == 1, "held through six listings")
        // Released at 2010 s; the next listing at 2100 s, checks at 2200, 2300 and 2400 s.
        sim.run(until: .zero + .seconds(2_399))
        #expect(exists(directory, sim, zk))
        sim.run(until: .zero + .seconds(2_401))
        #expect(!exists(directory, sim, zk))
    }

    @Test func aCheckThatFindsALockStartsTheCountAgain() {
        // Empty at the 400 s check (count 1), held at the 500 s check (count 0), then empty at 600,
        // 700 and 800 s.
        let (sim, zk, _) = cluster([[(.seconds(10), job, .seconds(1)), (.seconds(490), job, .seconds(20))], []])
        sim.run(until: .zero + .seconds(799))
        #expect(exists(directory, sim, zk))
        sim.run(until: .zero + .seconds(801))
        #expect(!exists(directory, sim, zk))
    }

    @Test func aSurvivorTakesOverTheReaping() {
        let keys = ["0000001-oozie-W", "0000002-oozie-W"]
        let (sim, zk, lockers) = cluster(keys.map { [(.seconds(700), $0, .seconds(1))] })
        sim.run(until: .zero + .seconds(50))
        let holder = lockers.firstIndex { reaper(sim, $0).isReaping }!
        let survivor = lockers[1 - holder]
        sim.crash(lockers[holder])
        // The holder's latch node goes with its session (40 s).
        sim.run(until: .zero + .seconds(100))
        #expect(reaper(sim, survivor).isReaping)
        // The survivor's lock of 700 s is listed at 900 s and checked at 1000, 1100 and 1200 s.
        sim.run(until: .zero + .seconds(1_199))
        #expect(exists("/oozie/locks/" + keys[1 - holder], sim, zk))
        sim.run(until: .zero + .seconds(1_201))
        #expect(!exists("/oozie/locks/" + keys[1 - holder], sim, zk))
        #expect(reaper(sim, survivor).reaped == 1)
    }

    /// Over six simulated hours with a new job lock every 30 s, the directories and what the
    /// reapers remember stay at the last ten minutes' worth.
    @Test func lockDirectoriesStayBoundedOverManyJobs() {
        let jobs = (1...720).map { n in (at: SimDuration.seconds(Int64(30 * n)), key: String(format: "%07d-oozie-W", n), hold: SimDuration.seconds(2)) }
        let (sim, zk, lockers) = cluster([jobs.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                                          jobs.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)])
        sim.run(until: .zero + .hours(6) + .seconds(15))
        let leader = zk.compactMap { sim.process(of: $0) as? ZabServer }.first { $0.state == .leading }!
        let left = leader.tree.node("/oozie/locks")?.children.count ?? 0
        #expect(left <= 25, "\(left) lock directories left of 720")
        #expect(lockers.map { reaper(sim, $0).reaped }.reduce(0, +) >= 695)
        #expect(lockers.allSatisfy { reaper(sim, $0).knownPaths.count <= 25 })
    }
}
