import Simulation

/// A coordinator job's state as the job store keeps it (the spec is the server's, by app name).
/// Times are stored as nanoseconds.
public struct CoordinatorJobSnapshot: Codable, Equatable, Sendable {
    public struct Action: Codable, Equatable, Sendable {
        public var number: Int
        public var nominalNanoseconds: Int64
        public var createdNanoseconds: Int64
        public var status: CoordinatorActionStatus
        public var missing: [Instance]
    }

    public struct Instance: Codable, Equatable, Sendable {
        public var dataset: String
        public var nanoseconds: Int64
    }

    public var id: String
    public var app: String
    public var status: CoordinatorJobStatus
    public var actions: [Action]
    public var available: [Instance]
}

extension CoordinatorJob {
    /// The job's state for the store; available instances sorted, never in hash order.
    public var snapshot: CoordinatorJobSnapshot {
        func instance(_ i: DatasetInstance) -> CoordinatorJobSnapshot.Instance { .init(dataset: i.dataset, nanoseconds: i.time.nanoseconds) }
        return CoordinatorJobSnapshot(
            id: id, app: spec.name, status: status,
            actions: actions.map {
                .init(
                    number: $0.number, nominalNanoseconds: $0.nominalTime.nanoseconds,
                    createdNanoseconds: $0.createdAt.nanoseconds, status: $0.status, missing: $0.missing.map(instance))
            },
            available: available.sorted().map(instance))
    }

    /// A job restored from the store; `spec` must be the app the snapshot names.
    public init(snapshot: CoordinatorJobSnapshot, spec: CoordinatorSpec) {
        precondition(snapshot.app == spec.name, "snapshot of \(snapshot.app) restored with \(spec.name)")
        self.init(id: snapshot.id, spec: spec)
        func instance(_ i: CoordinatorJobSnapshot.Instance) -> DatasetInstance {
            DatasetInstance(dataset: i.dataset, time: SimTime(nanoseconds: i.nanoseconds))
        }
        status = snapshot.status
        actions = snapshot.actions.map {
            var action = CoordinatorAction(
                id: "\(snapshot.id)@\($0.number)", number: $0.number, nominalTime: SimTime(nanoseconds: $0.nominalNanoseconds),
                createdAt: SimTime(nanoseconds: $0.createdNanoseconds), missing: $0.missing.map(instance))
            action.status = $0.status
            return action
        }
        available = Set(snapshot.available.map(instance))
    }
}
