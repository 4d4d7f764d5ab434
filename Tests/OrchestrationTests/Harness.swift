import Simulation
@testable import Orchestration

/// A container's process that does nothing: the orchestrator never looks inside.
final class Idle: Process {
    func start(_ context: ProcessContext) {}
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {}
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {}
}

/// Durable state whose identity tells whether a disk was wiped.
final class Volume: DurableState {
    func loseUnsyncedWrites() {}
}

/// Runs `action` at `time` (tests only).
final class At: EventHandler {
    let action: (Simulator) -> Void
    init(_ action: @escaping (Simulator) -> Void) { self.action = action }
    func handle(_ event: Event, in simulator: Simulator) { action(simulator) }
}

extension Simulator {
    func at(_ seconds: Double, _ action: @escaping (Simulator) -> Void) {
        schedule(at: .zero + SimDuration(seconds: seconds), for: register(At(action)))
    }
}

/// Deterministic timings, so a test can add them up: scheduling 0.1 s, pull 8 s, start 2 s,
/// propagation 1 s; the probe and controller settings are Kubernetes' defaults.
func testSettings(nodes: Int = 3) -> KubernetesSettings {
    var settings = KubernetesSettings()
    settings.nodes = nodes
    settings.schedulingLatency = .deterministic(0.1)
    settings.imagePull = .deterministic(8)
    settings.containerStart = .deterministic(2)
    settings.endpointPropagation = .deterministic(1)
    return settings
}

/// A simulator with `count` pods of one workload and the orchestrator attached.
func cluster(
    seed: UInt64 = 1, settings: KubernetesSettings = testSettings(), count: Int = 1, kind: PodGroup.Kind = .deployment,
    maxUnavailable: Int? = nil
) -> (Simulator, Orchestrator, [HostID]) {
    let simulator = Simulator(seed: seed, recordTrace: false)
    let hosts = (0..<count).map { i in simulator.addHost("pod\(i)", durable: { Volume() }) { _ in Idle() } }
    let group = PodGroup(
        name: "app", kind: kind, hosts: hosts, antiAffinity: true, maxUnavailable: maxUnavailable, inService: true)
    let orchestrator = Orchestrator(settings: settings, groups: [group])
    orchestrator.attach(to: simulator)
    return (simulator, orchestrator, hosts)
}

/// Records when each host's endpoint state changes, polling every 100 ms.
final class EndpointWatch: EventHandler {
    let orchestrator: Orchestrator
    let host: HostID
    var changes: [(time: Double, isEndpoint: Bool)] = []
    var id: HandlerID!
    init(_ orchestrator: Orchestrator, _ host: HostID, in simulator: Simulator) {
        self.orchestrator = orchestrator
        self.host = host
        id = simulator.register(self)
        changes.append((0, orchestrator.isEndpoint(host)))
        simulator.schedule(after: .milliseconds(100), for: id)
    }
    func handle(_ event: Event, in simulator: Simulator) {
        let now = orchestrator.isEndpoint(host)
        if now != changes.last!.isEndpoint { changes.append((simulator.now.seconds, now)) }
        simulator.schedule(after: .milliseconds(100), for: id)
    }
}
