import Coordination
import Simulation

/// A client that takes the lock `/lock` (ZooKeeper's lock recipe, as Curator's
/// `InterProcessMutex`: an EPHEMERAL_SEQUENTIAL node, the lowest holds it) as soon as its session
/// is up, and holds it for good: what `benchmarks/reality/zkreal.py`'s holder does before it is
/// killed or stopped. Its node goes only when the ensemble expires its session.
final class LockHolder: Process {
    static let lockPath = "/lock"

    let client: ZooKeeperClient
    private let lock = ExclusiveLock(path: LockHolder.lockPath, ownerID: "holder")
    private var queued = false
    /// Whether the lock is held now.
    var holds: Bool { lock.isHeld }

    init(servers: [HostID], spec: LockHolderSpec) {
        client = ZooKeeperClient(servers: servers, sessionTimeout: spec.sessionTimeout)
    }

    func start(_ context: ProcessContext) { handle(client.start(context), context) }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) { handle(events, context) }
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for event in events {
            if case .state(.connected) = event, !queued {
                queued = true
                _ = lock.acquire(client, context)
            }
            _ = lock.handle(event, client, context)
        }
    }
}

/// Measures what the real harness's watcher sees: the lock holder crashed or paused → its lock
/// node is gone (the first server that applies the closing of its session).
final class LockHolderTracker: Observer {
    let holder: HostID
    private var faultAt: SimTime?
    private var measuring = false
    /// Fault → lock node deleted, seconds, one per holder fault after the reset.
    private(set) var expirySeconds: [Double] = []

    init(holder: HostID) { self.holder = holder }

    /// Starts measuring (after the warm-up).
    func reset() {
        measuring = true
        faultAt = nil
        expirySeconds.removeAll()
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let event as HostEvent where host == holder && measuring:
            if event == .crashed || event == .paused, faultAt == nil { faultAt = time }
        case ZabObservation.sessionClosed(_, let ephemerals):
            guard let since = faultAt, ephemerals.contains(where: { $0.hasPrefix(LockHolder.lockPath + "/") }) else { return }
            expirySeconds.append((time - since).seconds)
            faultAt = nil
        default:
            break
        }
    }
}
