import Scheduler
import Simulation

/// A small scheduler cluster on the kernel: job store, compute service, servers (with the
/// coordination TEST DOUBLE), an optional balancer and a scripted client.
final class ClusterHarness {
    enum Target { case server(Int), balancer }

    let sim: Simulator
    let hub: LocalCoordinationHub
    let checker = SchedulerInvariantChecker()
    let log = ObservationLog()
    let store = HostID(0)
    let compute = HostID(1)
    var servers: [HostID] = []
    var balancer: HostID?
    var client: HostID!

    init(
        mode: HAMode, servers count: Int, fencing: Bool = false, withBalancer: Bool = false, seed: UInt64 = 1,
        coordinators: [CoordinatorSpec] = [], bundles: [String: [String]] = [:], versionChecks: Bool = true,
        profile: ComputeProfile = ComputeProfile(duration: .deterministic(60)), purge: PurgeSettings = PurgeSettings(),
        script: [(after: SimDuration, to: Target, operation: SchedulerOperation)]
    ) throws {
        let sim = Simulator(seed: seed)
        self.sim = sim
        hub = LocalCoordinationHub(sessionTimeout: .seconds(10)) { sim.now }
        sim.addObserver(checker)
        sim.addObserver(log)
        let app = try loadSample("etl-fork-decision.json")
        sim.addHost("db", durable: { JobStoreDisk(fencing: fencing) }, process: { _ in JobStore() })
        sim.addHost("compute", durable: { ComputeDisk() }, process: { _ in ComputeService(settings: ComputeSettings(defaultProfile: profile)) })
        for n in 1...count {
            var config = SchedulerServerConfig(
                serverId: "server-\(n)", mode: mode, store: store, compute: compute, apps: [app.name: app])
            config.versionChecks = versionChecks
            config.purge = purge
            config.bundleApps = bundles
            config.coordinatorApps = Dictionary(uniqueKeysWithValues: coordinators.map { ($0.name, $0) })
            let hub = self.hub
            servers.append(sim.addHost("server-\(n)", process: { _ in
                SchedulerServer(config: config, coordination: LocalCoordinationDouble(hub: hub, member: "server-\(n)"))
            }))
        }
        if withBalancer {
            let backends = servers
            balancer = sim.addHost("lb", process: { _ in LoadBalancer(backends: backends, policy: .roundRobin) })
        }
        let hosts = servers
        let lb = balancer
        let steps = script.enumerated().map { i, step -> (SimDuration, HostID, any Message) in
            let target: HostID
            switch step.to {
            case .server(let k): target = hosts[k]
            case .balancer: target = lb!
            }
            return (step.after, target, SchedulerRequest(requestId: Int64(i + 1), operation: step.operation))
        }
        client = sim.addHost("client", process: { _ in Recorder(steps) })
    }

    var replies: [SchedulerReply] { (sim.process(of: client) as! Recorder).messages(SchedulerReply.self) }

    /// The job as the store holds it.
    func storedJob(_ id: String) -> WorkflowJobSnapshot? {
        let disk = sim.durable(of: store) as! JobStoreDisk
        return disk.state.read([JobRow.key(id)]).first.flatMap { $0.value.workflow?.job }
    }

    /// Launch ids whose work started, in order.
    var workStarted: [String] {
        log.all(ComputeObservation.self).compactMap { if case .workStarted(let id) = $0 { id } else { nil } }
    }

    /// The hosts that reported a job finished, in order.
    var finishedBy: [HostID] {
        log.entries.filter { if case .jobFinished? = $0.observation as? SchedulerObservation { true } else { false } }.map(\.host)
    }

    /// When jobs finished, in order.
    var finishedAt: [SimTime] {
        log.entries.filter { if case .jobFinished? = $0.observation as? SchedulerObservation { true } else { false } }.map(\.time)
    }

    /// The coordinator as the store holds it.
    func storedCoordinator(_ id: String) -> CoordinatorJobSnapshot? {
        let disk = sim.durable(of: store) as! JobStoreDisk
        return disk.state.read([JobRow.key(id)]).first.flatMap { $0.value.coordinator?.job }
    }

    /// Every workflow job in the store, by id order.
    func storedWorkflows() -> [WorkflowJobSnapshot] {
        let disk = sim.durable(of: store) as! JobStoreDisk
        return disk.state.scan(prefix: "wf/").compactMap { $0.value.workflow?.job }
    }

    func server(_ i: Int) -> SchedulerServer { sim.process(of: servers[i]) as! SchedulerServer }
}
