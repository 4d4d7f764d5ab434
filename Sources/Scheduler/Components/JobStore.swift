import Simulation

/// The job store's disk. Every commit is synced before it is acknowledged, so there is never an
/// unsynced write to lose and a crash loses no acknowledged transaction; the state is kept in place
/// (not in a ``SyncedValue``) so a commit does not copy the whole table.
public final class JobStoreDisk: DurableState {
    public internal(set) var state: JobStoreState
    public init(fencing: Bool) { state = JobStoreState(fencing: fencing) }
    public func loseUnsyncedWrites() {}
}

/// The shared job store: a simulated database as a kernel process. It can crash (requests then
/// go unanswered, connections reset) and restarts from its disk with every committed transaction.
/// Each operation takes `serviceTime` before it is answered, and operations run one at a time, in
/// arrival order, like a single-writer database.
public final class JobStore: Process {
    let serviceTime: SimDuration
    var disk: JobStoreDisk!
    var queue: [(request: StoreRequest, client: HostID)] = []
    var busy = false

    public init(serviceTime: SimDuration = .milliseconds(2)) { self.serviceTime = serviceTime }

    public func start(_ context: ProcessContext) { disk = context.durable(as: JobStoreDisk.self) }

    public func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        guard let request = message as? StoreRequest else { return }
        queue.append((request, peer))
        if !busy {
            busy = true
            context.setTimer(after: serviceTime)
        }
    }

    /// A broken connection stays broken until closed; close it so the next send opens a fresh one.
    public func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    public func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        let (request, client) = queue.removeFirst()
        context.send(StoreResponse(requestId: request.requestId, result: execute(request.operation, context)), to: client)
        if queue.isEmpty { busy = false } else { context.setTimer(after: serviceTime) }
    }

    func execute(_ operation: StoreRequest.Operation, _ context: ProcessContext) -> StoreResponse.Result {
        switch operation {
        case .read(let keys): return .rows(disk.state.read(keys))
        case .scan(let prefix): return .rows(disk.state.scan(prefix: prefix))
        case .purgeable(let query): return .rows(disk.state.purgeable(query))
        case .transact(let transaction):
            let outcome = disk.state.execute(transaction)
            context.emit(StoreObservation(transaction: transaction, outcome: outcome))
            return .outcome(outcome)
        }
    }
}
