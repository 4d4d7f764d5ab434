import Coordination
import Scheduler
import Simulation
import Testing

/// A scheduler cluster on a REAL ZooKeeper: a 3-server Zab ensemble (hosts 0–2, with disks), the job
/// store, the compute service and scheduler servers whose coordination is ``ZooKeeperCoordination``.
final class ZooKeeperCluster {
    let sim: Simulator
    let checker = SchedulerInvariantChecker()
    let log = ObservationLog()
    var ensemble: [HostID] = []
    var store: HostID!
    var compute: HostID!
    var servers: [HostID] = []
    var client: HostID!
    /// Each server's current coordination adapter (replaced when the host restarts).
    final class Adapters { var byServer: [Int: ZooKeeperCoordination] = [:] }
    let adapters = Adapters()

    init(
        mode: HAMode, servers count: Int, fencing: Bool = false, versionChecks: Bool = true, seed: UInt64 = 1,
        coordinators: [CoordinatorSpec] = [], script: [(after: SimDuration, to: Int, operation: SchedulerOperation)]
    ) throws {
        let sim = Simulator(seed: seed)
        self.sim = sim
        sim.addObserver(checker)
        sim.addObserver(log)
        let zab = ZabConfig(servers: (0..<3).map { HostID($0) })
        for i in 0..<3 {
            ensemble.append(sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: zab) }))
        }
        precondition(ensemble == zab.servers, "the ensemble must be the first hosts")
        let app = try loadSample("etl-fork-decision.json")
        store = sim.addHost("db", durable: { JobStoreDisk(fencing: fencing) }, process: { _ in JobStore() })
        compute = sim.addHost("compute", durable: { ComputeDisk() }, process: { _ in
            ComputeService(settings: ComputeSettings(defaultProfile: ComputeProfile(duration: .deterministic(60))))
        })
        let zk = ensemble
        for n in 1...count {
            var config = SchedulerServerConfig(
                serverId: "server-\(n)", mode: mode, store: store, compute: compute, apps: [app.name: app])
            config.versionChecks = versionChecks
            config.coordinatorApps = Dictionary(uniqueKeysWithValues: coordinators.map { ($0.name, $0) })
            let adapters = self.adapters
            servers.append(sim.addHost("server-\(n)", process: { _ in
                let coordination = ZooKeeperCoordination(
                    servers: zk, owner: "server-\(n)", latchName: mode == .loadBalanced ? "services/concurrencyleader" : "leader")
                adapters.byServer[n - 1] = coordination
                return SchedulerServer(config: config, coordination: coordination)
            }))
        }
        let hosts = servers
        let steps = script.enumerated().map { i, step -> (SimDuration, HostID, any Message) in
            (step.after, hosts[step.to], SchedulerRequest(requestId: Int64(i + 1), operation: step.operation))
        }
        client = sim.addHost("client", process: { _ in Recorder(steps) })
    }

    var replies: [SchedulerReply] { (sim.process(of: client) as! Recorder).messages(SchedulerReply.self) }
    func server(_ i: Int) -> SchedulerServer { sim.process(of: servers[i]) as! SchedulerServer }

    func storedJob(_ id: String) -> WorkflowJobSnapshot? {
        let disk = sim.durable(of: store) as! JobStoreDisk
        return disk.state.read([JobRow.key(id)]).first.flatMap { $0.value.workflow?.job }
    }

    var workStarted: [String] {
        log.all(ComputeObservation.self).compactMap { if case .workStarted(let id) = $0 { id } else { nil } }
    }

    var finishedBy: [HostID] {
        log.entries.filter { if case .jobFinished? = $0.observation as? SchedulerObservation { true } else { false } }.map(\.host)
    }

    /// Leader-latch acquisitions, in order: (host, token).
    var leadership: [(host: HostID, token: Int64)] {
        log.entries.compactMap {
            guard case .acquired(let path, _, let token)? = $0.observation as? LatchObservation, path == "/oozie/leader" else {
                return nil
            }
            return ($0.host, token.raw)
        }
    }

    /// The index of the one scheduling server, if exactly one schedules.
    var schedulingServer: Int? {
        let on = servers.indices.filter { sim.status(of: servers[$0]) == .up && server($0).isScheduling }
        return on.count == 1 ? on[0] : nil
    }
}

/// A bare host embedding ``ZooKeeperCoordination``: registers, then takes the lock `key` (holding
/// it `hold`), and asks for a sequence number; records every event.
final class LockContender: Process {
    let coordination: ZooKeeperCoordination
    let member: String
    let key: String
    let wait: SimDuration
    let timeout: SimDuration
    let hold: SimDuration
    var events: [(time: SimTime, event: CoordinationEvent)] = []
    var asked = false

    init(servers: [HostID], member: String, key: String, wait: SimDuration, timeout: SimDuration, hold: SimDuration) {
        coordination = ZooKeeperCoordination(servers: servers, owner: member, sessionTimeout: .seconds(6))
        self.member = member
        self.key = key
        self.wait = wait
        self.timeout = timeout
        self.hold = hold
    }

    func start(_ context: ProcessContext) { handle(coordination.start(context), context) }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = coordination.receive(message, from: peer, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = coordination.timerFired(timer, tag: tag, context) { return handle(events, context) }
        switch tag {
        case 1: handle(coordination.acquireLock(key, timeout: timeout, context), context)
        case 2: handle(coordination.releaseLock(key, context), context)
        default: break
        }
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = coordination.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    func handle(_ events: [CoordinationEvent], _ context: ProcessContext) {
        for event in events {
            self.events.append((context.now, event))
            switch event {
            case .sessionEstablished where !asked:
                asked = true
                handle(coordination.register(memberId: member, context), context)
                handle(coordination.nextSequence(requestId: 7, context), context)
                context.setTimer(after: wait, tag: 1)
            case .lockAcquired: context.setTimer(after: hold, tag: 2)
            default: break
            }
        }
    }

    var lockEvents: [CoordinationEvent] {
        events.map(\.event).filter {
            switch $0 {
            case .lockAcquired, .lockReleased, .lockTimedOut: true
            default: false
            }
        }
    }
}

@Suite struct ZooKeeperCoordinationTests {
    let job = "0000001-oozie-W"
    let expectedLaunches = [
        "0000001-oozie-W@prepare@1", "0000001-oozie-W@extract-a@1", "0000001-oozie-W@extract-b@1",
        "0000001-oozie-W@extract-c@1", "0000001-oozie-W@full-load@1",
    ]
    let submit = SchedulerOperation.submit(app: "etl-fork-decision", variables: [:], start: true)

    /// Both servers get the submission; only the leader (whichever the latch chose) accepts it.
    func activeStandby(fencing: Bool = false, versionChecks: Bool = true, seed: UInt64 = 1) throws -> (ZooKeeperCluster, leader: Int) {
        let cluster = try ZooKeeperCluster(
            mode: .activeStandby, servers: 2, fencing: fencing, versionChecks: versionChecks, seed: seed,
            script: [(.seconds(10), 0, submit), (.seconds(10), 1, submit)])
        cluster.sim.run(until: .zero + .seconds(9))
        let leader = try #require(cluster.schedulingServer, "exactly one server leads")
        #expect(cluster.leadership.map(\.host) == [cluster.servers[leader]])
        cluster.sim.run(until: .zero + .seconds(20))
        #expect(cluster.replies.map(\.result).sorted { "\($0)" < "\($1)" } == [
            .error("server server-\(2 - leader) is not the leader"), .job(id: job, status: .prep),
        ].sorted { "\($0)" < "\($1)" })
        return (cluster, leader)
    }

    @Test func standbyTakesOverFromACrashedLeaderWithALargerToken() throws {
        let (cluster, leader) = try activeStandby()
        let standby = 1 - leader
        cluster.sim.run(until: .zero + .seconds(100))
        #expect(cluster.storedJob(job)?.actions.map(\.status) == [.ok, .running, .running, .running])
        cluster.sim.crash(cluster.servers[leader])
        cluster.sim.run(until: .zero + .seconds(300))
        #expect(cluster.schedulingServer == standby)
        let gains = cluster.leadership
        #expect(gains.map(\.host) == [cluster.servers[leader], cluster.servers[standby]])
        #expect(gains.count == 2 && gains[1].token > gains[0].token, "the new leader's token is larger")
        #expect(cluster.finishedBy == [cluster.servers[standby]], "the standby finished the job")
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches, "no action ran twice")
        #expect(cluster.checker.violations.isEmpty)
    }

    /// The leader pauses mid-command (its store read in flight) past its session timeout; the
    /// standby takes over and writes with a larger token; the old leader wakes, handles the held read
    /// and writes with its old token before its client notices the lost session (then it hears
    /// Expired and exits, as Oozie does). Blind updates (no version check), as Oozie's, so only
    /// fencing can stop that write. The pause (60 s) outlasts the 40 s session the ensemble grants
    /// for Oozie's 300 s request, with its tick rounding.
    func pausedLeader(fencing: Bool) throws -> (ZooKeeperCluster, leader: Int) {
        let (cluster, leader) = try activeStandby(fencing: fencing, versionChecks: false)
        let standby = 1 - leader
        cluster.sim.run(until: .zero + .seconds(60))
        var steps = 0
        while cluster.server(leader).busyJobs.isEmpty && steps < 200_000 {
            steps += 1
            cluster.sim.run(for: .microseconds(100))
        }
        #expect(cluster.server(leader).busyJobs == [job], "paused while processing the first completion")
        cluster.sim.pause(cluster.servers[leader])
        // Oozie's 300 s session is granted 40 s; it expires 40–43 s after the last contact (the
        // next tick bucket, plus half a tick when a follower relays the touch), then the standby takes over.
        cluster.sim.run(for: .seconds(60))
        #expect(cluster.schedulingServer == standby, "the standby took over while the leader slept")
        cluster.sim.resume(cluster.servers[leader])
        cluster.sim.run(until: .zero + .seconds(400))
        #expect(cluster.schedulingServer == standby, "the woken leader learnt it lost and exited")
        #expect(cluster.sim.status(of: cluster.servers[leader]) == .crashed, "exited on LOST, no supervisor here")
        #expect(cluster.adapters.byServer[standby]?.sessions == 1)
        let gains = cluster.leadership
        #expect(gains.map(\.host) == [cluster.servers[leader], cluster.servers[standby]])
        #expect(gains.count == 2 && gains[1].token > gains[0].token)
        return (cluster, leader)
    }

    @Test func pausedLeaderWithFencingLandsNoStaleWrite() throws {
        let (cluster, _) = try pausedLeader(fencing: true)
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches)
    }

    @Test func pausedLeaderWithoutFencingIsReportedAsSplitBrain() throws {
        let (cluster, _) = try pausedLeader(fencing: false)
        let gains = cluster.leadership
        let stale = cluster.checker.violations.map(\.message).filter { $0.hasPrefix("stale write landed") }
        #expect(stale == ["stale write landed: token \(gains[0].token) < token \(gains[1].token) in scope leader (keys wf/\(job))"])
    }

    /// Load-balanced: every command takes the job's ZooKeeper lock; the crashed launcher's job is
    /// recovered by the other server once the launcher's registration (ephemeral) is gone.
    @Test func loadBalancedServerRecoversACrashedServersJobUnderZooKeeperLocks() throws {
        let cluster = try ZooKeeperCluster(mode: .loadBalanced, servers: 2, script: [(.seconds(10), 0, submit)])
        cluster.sim.run(until: .zero + .seconds(100))
        #expect(cluster.replies.map(\.result) == [.job(id: job, status: .prep)])
        #expect(cluster.storedJob(job)?.actions.map(\.status) == [.ok, .running, .running, .running])
        cluster.sim.crash(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(600))
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.finishedBy == [cluster.servers[1]])
        #expect(cluster.workStarted == expectedLaunches)
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.adapters.byServer[1]?.heldLocks == [], "every job lock was given back")
    }

    /// Two bare contenders for one job lock, plus registration and sequence numbers.
    func contend(holdFirst: SimDuration, timeout: SimDuration, timeoutB: SimDuration? = nil)
        -> (a: LockContender, b: LockContender, lockNodes: [String])
    {
        let sim = Simulator(seed: 3)
        let zab = ZabConfig(servers: (0..<3).map { HostID($0) })
        let zk = (0..<3).map { i in sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: zab) }) }
        let a = sim.addHost("a", process: { _ in
            LockContender(servers: zk, member: "a", key: "0000001-oozie-W", wait: .seconds(8), timeout: timeout, hold: holdFirst)
        })
        let b = sim.addHost("b", process: { _ in
            LockContender(
                servers: zk, member: "b", key: "0000001-oozie-W", wait: .seconds(9), timeout: timeoutB ?? timeout, hold: .seconds(1))
        })
        sim.run(until: .zero + .seconds(40))
        let tree = (sim.process(of: zk[0]) as! ZabServer).tree
        let lockNodes = tree.node("/oozie/locks/0000001-oozie-W")?.children.sorted() ?? ["missing"]
        return (sim.process(of: a) as! LockContender, sim.process(of: b) as! LockContender, lockNodes)
    }

    @Test func contendedLockPassesOnReleaseWithALargerToken() throws {
        let (a, b, _) = contend(holdFirst: .seconds(2), timeout: .seconds(5))
        let key = "0000001-oozie-W"
        guard case .lockAcquired(_, let first)? = a.lockEvents.first, case .lockAcquired(_, let second)? = b.lockEvents.first else {
            Issue.record("locks: \(a.lockEvents) / \(b.lockEvents)")
            return
        }
        #expect(a.lockEvents == [.lockAcquired(key: key, token: first), .lockReleased(key: key)])
        #expect(b.lockEvents == [.lockAcquired(key: key, token: second), .lockReleased(key: key)])
        #expect(second > first)
        let acquiredA = a.events.first { if case .lockAcquired = $0.event { true } else { false } }!.time
        let acquiredB = b.events.first { if case .lockAcquired = $0.event { true } else { false } }!.time
        #expect(acquiredB > acquiredA + .seconds(2) && acquiredB < acquiredA + .seconds(3), "b got it when a released")
        // Registration and sequences.
        #expect(a.events.map(\.event).contains(.membersChanged(["a", "b"])))
        #expect(b.events.map(\.event).contains(.membersChanged(["a", "b"])))
        let sequences = (a.events + b.events).compactMap { if case .sequenceAllocated(7, let v) = $0.event { v } else { nil } }
        #expect(sequences.sorted() == [1, 2])
    }

    @Test func contendedLockTimesOutWhileHeld() throws {
        let (a, b, _) = contend(holdFirst: .seconds(20), timeout: .seconds(5))
        let key = "0000001-oozie-W"
        guard case .lockAcquired(_, let first)? = a.lockEvents.first else {
            Issue.record("locks: \(a.lockEvents)")
            return
        }
        #expect(a.lockEvents == [.lockAcquired(key: key, token: first), .lockReleased(key: key)])
        #expect(b.lockEvents == [.lockTimedOut(key: key)])
        let established = b.events.first { $0.event == .sessionEstablished }!.time
        let timedOut = b.events.first { $0.event == .lockTimedOut(key: key) }!.time
        #expect(timedOut - established == .seconds(14), "asked 9 s after the session opened, with a 5 s timeout")
    }

    /// A wait given up before its node's create was answered: the node, created later, is deleted
    /// then — an orphan of a live session would block the job's lock for good.
    @Test func lockGivenUpBeforeItsNodeExistsLeavesNoOrphan() throws {
        let (a, b, lockNodes) = contend(holdFirst: .seconds(5), timeout: .seconds(5), timeoutB: .microseconds(1))
        let key = "0000001-oozie-W"
        #expect(a.lockEvents.count == 2 && a.lockEvents.last == .lockReleased(key: key))
        #expect(b.lockEvents == [.lockTimedOut(key: key)])
        #expect(lockNodes == [], "no lock node left behind")
    }
}
