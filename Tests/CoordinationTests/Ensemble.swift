import Coordination
import Simulation

/// A simulated ZooKeeper ensemble with its invariant checker, for tests.
final class Ensemble {
    let sim: Simulator
    let servers: [HostID]
    let config: ZabConfig
    let checker = ZabInvariantChecker()

    init(size: Int, seed: UInt64, record: Bool = false, tweak: (inout ZabConfig) -> Void = { _ in }) {
        sim = Simulator(seed: seed, recordTrace: record)
        sim.addObserver(checker)
        config = sim.addZooKeeperEnsemble(size: size, configure: tweak)
        servers = config.servers
    }

    func server(_ host: HostID) -> ZabServer { sim.process(of: host) as! ZabServer }
    func disk(_ host: HostID) -> ZabDisk { sim.durable(of: host) as! ZabDisk }

    /// Servers up and leading an established epoch.
    var establishedLeaders: [HostID] {
        servers.filter { sim.status(of: $0) == .up && server($0).isEstablishedLeader }
    }
    var leader: HostID? { establishedLeaders.count == 1 ? establishedLeaders[0] : nil }

    /// Runs until exactly one established leader is served by a quorum, or `limit` passes.
    @discardableResult
    func runUntilStable(limit: SimDuration = .seconds(60), step: SimDuration = .milliseconds(50)) -> Bool {
        let end = sim.now + limit
        while sim.now < end {
            sim.run(for: step)
            if let l = leader {
                let serving = servers.filter { sim.status(of: $0) == .up && server($0).isServing && server($0).leaderID == l }
                if serving.count >= config.quorumSize { return true }
            }
        }
        return false
    }

    func committedZxids(_ host: HostID) -> [Zxid] { server(host).committedZxids }

    /// Whether `host` applied a prefix of what `other` applied: the zxids agree at every position
    /// both logs still hold (a SNAP or a purge leaves the history before a log's start in snapshots).
    func appliedPrefix(_ host: HostID, of other: HostID) -> Bool {
        let (a, b) = (server(host), server(other))
        guard a.appliedCount <= b.appliedCount else { return false }
        let start = max(a.logStart, b.logStart)
        guard start <= a.appliedCount else { return true }
        return a.log[(start - a.logStart)..<(a.appliedCount - a.logStart)].map(\.zxid)
            == b.log[(start - b.logStart)..<(a.appliedCount - b.logStart)].map(\.zxid)
    }
}

/// A client host that runs a plan of operations, one after another, and records what happened.
final class ScriptedClient: Process {
    let client: ZooKeeperClient
    var plan: [Operation]
    let interval: SimDuration
    var started = false
    var replies: [(time: SimTime, op: Operation, result: Result<Reply, ZKError>)] = []
    var states: [(time: SimTime, state: SessionState)] = []
    var watchEvents: [WatchedEvent] = []
    /// Watch events and replies interleaved, in arrival order.
    var arrivals: [String] = []
    var waiting = false
    /// Closes the session once the plan is done.
    var closeWhenDone = false

    init(servers: [HostID], timeout: SimDuration = .seconds(6), plan: [Operation], interval: SimDuration = .milliseconds(100)) {
        client = ZooKeeperClient(servers: servers, sessionTimeout: timeout)
        self.plan = plan
        self.interval = interval
    }

    func start(_ context: ProcessContext) {
        handle(client.start(context), context)
        context.setTimer(after: interval, tag: 1)
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) {
            handle(events, context)
            return
        }
        context.setTimer(after: interval, tag: 1)
        if closeWhenDone, !waiting, plan.isEmpty, client.state == .connected {
            client.close(context)
            return
        }
        guard !waiting, client.state == .connected, !plan.isEmpty else { return }
        waiting = true
        let (_, events) = client.submit(plan.removeFirst(), context)
        handle(events, context)
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for event in events {
            switch event {
            case .state(let s): states.append((context.now, s))
            case .reply(_, let op, let result):
                replies.append((context.now, op, result))
                arrivals.append("reply \(op)")
                waiting = false
            case .watch(let w):
                watchEvents.append(w)
                arrivals.append("watch \(w.kind) \(w.path)")
            }
        }
    }

    /// Paths created successfully (acknowledged writes).
    var created: [String] {
        replies.compactMap { if case .success(.created(let p, _)) = $0.result { p } else { nil } }
    }
}

/// Keeps every observation, for assertions on what servers reported.
final class ObservationLog: Observer {
    var entries: [(time: SimTime, host: HostID, observation: any Observation)] = []
    func observe(_ observation: any Observation, host: HostID, at time: SimTime) { entries.append((time, host, observation)) }

    func truncations(on host: HostID) -> [(to: Zxid, dropped: Int)] {
        entries.compactMap {
            guard $0.host == host, case .truncated(let to, let dropped)? = $0.observation as? ZabObservation else { return nil }
            return (to, dropped)
        }
    }
}
