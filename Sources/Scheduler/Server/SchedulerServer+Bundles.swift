import Simulation

/// A submission waiting for its cluster-unique id.
struct PendingSubmit {
    enum Kind { case workflow(start: Bool), coordinator, bundle }
    var app: String
    var variables: [String: String]
    var kind: Kind
    var reply: ReplyRoute
}

/// Bundles: a stored list of coordinator ids, whose commands fan out to every coordinator.
///
/// Each coordinator keeps its own row and lock, as in Oozie; the bundle row only names them, and a
/// bundle's state is read from theirs (all alike ⇒ that state, else DONEWITHERROR when all are over).
extension SchedulerServer {
    /// Whether the id names a bundle.
    static func isBundle(_ id: String) -> Bool { id.hasSuffix("-B") }

    static func bundleKey(_ id: String) -> String { "bundle/" + id }

    /// The ids of a bundle's coordinators: derived from the bundle id and position.
    static func coordinatorIds(bundle id: String, count: Int) -> [String] { (0..<count).map { "\(id)-\($0 + 1)-C" } }

    func submitBundle(_ id: String, app: String, reply: ReplyRoute, _ context: ProcessContext) {
        guard let names = config.bundleApps[app] else { return send(.error("unknown bundle app \(app)"), to: reply, context) }
        // The row: the app's name, then the coordinator ids, one a line.
        let value = ([app] + Self.coordinatorIds(bundle: id, count: names.count)).joined(separator: "\n")
        let transaction = StoreTransaction(
            expectedVersions: [(Self.bundleKey(id), 0)],
            writes: [(Self.bundleKey(id), .text(value)), (Self.activeKey(Self.bundleKey(id)), "")])
        storeRequest(.transact(transaction), for: .bundleCreate(bundleId: id, app: app, reply: reply), context)
    }

    func bundleOperation(_ id: String, _ event: CoordinatorEvent?, _ reply: ReplyRoute, _ context: ProcessContext) {
        let wait: StoreWait = event.map { .bundleCommand(bundleId: id, event: $0, reply: reply) } ?? .bundleInfo(bundleId: id, reply: reply)
        storeRequest(.read([Self.bundleKey(id)]), for: wait, context)
    }

    static func coordinatorIds(in row: StoredRow) -> [String] { (row.value.text ?? "").split(separator: "\n").dropFirst().map(String.init) }

    func bundleAnswered(_ wait: StoreWait, _ result: StoreResponse.Result, _ context: ProcessContext) {
        switch (wait, result) {
        case (.bundleCreate(let id, let app, let reply), .outcome(.committed)):
            // The bundle row is written: create and start its coordinators (each created exactly once by id).
            let names = config.bundleApps[app] ?? []
            for (coordinatorId, name) in zip(Self.coordinatorIds(bundle: id, count: names.count), names) {
                guard let spec = config.coordinatorApps[name] else { continue }
                enqueue(SchedulerCommand(jobId: coordinatorId, work: .createCoordinator(CoordinatorJob(id: coordinatorId, spec: spec))), context)
            }
            context.emit(SchedulerObservation.acknowledged(jobId: id))
            send(.bundle(id: id, status: .running, coordinators: names.map { _ in .running }), to: reply, context)
        case (.bundleCommand(let id, let event, let reply), .rows(let rows)):
            guard let row = rows.first else { return send(.error("no bundle \(id)"), to: reply, context) }
            for coordinatorId in Self.coordinatorIds(in: row) {
                enqueue(SchedulerCommand(jobId: coordinatorId, work: .coordinator(event)), context)
            }
            send(.accepted, to: reply, context)
        case (.bundleInfo(let id, let reply), .rows(let rows)):
            guard let row = rows.first else { return send(.error("no bundle \(id)"), to: reply, context) }
            storeRequest(.read(Self.coordinatorIds(in: row).map(JobRow.key)), for: .bundleStates(bundleId: id, reply: reply), context)
        case (.bundleStates(let id, let reply), .rows(let rows)):
            let states = rows.compactMap { $0.value.coordinator?.job.status }
            send(.bundle(id: id, status: Self.bundleStatus(states), coordinators: states), to: reply, context)
        case (.bundleCreate(_, _, let reply), _), (.bundleCommand(_, _, let reply), _), (.bundleInfo(_, let reply), _),
            (.bundleStates(_, let reply), _):
            send(.error("bundle operation failed"), to: reply, context)
        default: break
        }
    }

    /// The bundle's state from its coordinators' (Oozie `BundleFunctionalSpec` §4).
    static func bundleStatus(_ states: [CoordinatorJobStatus]) -> CoordinatorJobStatus {
        if states.contains(.suspended) { return .suspended }
        guard !states.isEmpty, states.allSatisfy(\.isTerminal) else { return .running }
        return Set(states).count == 1 ? states[0] : .doneWithError
    }
}
