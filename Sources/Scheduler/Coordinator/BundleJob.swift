import Simulation

/// A bundle: coordinators started, suspended, resumed and killed together (Oozie `BundleFunctionalSpec` §4).
///
/// The bundle's status follows its coordinators: once all are terminal it is their common state,
/// or DONEWITHERROR when they differ.
public struct BundleJob: Sendable {
    public let id: String
    public internal(set) var status: CoordinatorJobStatus = .prep
    /// The coordinators, in the bundle's order; coordinator `k` has id `bundleId@name`.
    public internal(set) var coordinators: [CoordinatorJob]

    public init(id: String, coordinators specs: [CoordinatorSpec]) {
        precondition(Set(specs.map(\.name)).count == specs.count, "bundle \(id): coordinator names must be unique")
        self.id = id
        self.coordinators = specs.map { CoordinatorJob(id: "\(id)@\($0.name)", spec: $0) }
    }

    /// The coordinator with this name.
    public func coordinator(_ name: String) -> CoordinatorJob? { coordinators.first { $0.spec.name == name } }

    /// Applies a bundle command to every live coordinator, or routes news to one coordinator.
    public mutating func apply(_ event: BundleEvent, at now: SimTime) throws(CoordinatorCommandError) -> [BundleEffect] {
        let command: CoordinatorEvent
        switch event {
        case .start: command = .start
        case .suspend: command = .suspend
        case .resume: command = .resume
        case .kill: command = .kill
        case .coordinator(let name, let inner):
            guard let i = coordinators.firstIndex(where: { $0.spec.name == name }) else { return [] }
            let effects = try coordinators[i].apply(inner, at: now).map { BundleEffect.coordinator(name, $0) }
            return effects + settle()
        }
        try check(command)
        var effects: [BundleEffect] = []
        for i in coordinators.indices where !coordinators[i].status.isTerminal {
            // A coordinator already in the commanded state (or past it) is left alone.
            if let produced = try? coordinators[i].apply(command, at: now) {
                effects += produced.map { BundleEffect.coordinator(coordinators[i].spec.name, $0) }
            }
        }
        switch command {
        case .start, .resume: status = .running
        case .suspend: status = .suspended
        default: break
        }
        return effects + settle()
    }

    private func check(_ command: CoordinatorEvent) throws(CoordinatorCommandError) {
        let allowed: Bool
        switch command {
        case .start: allowed = status == .prep
        case .suspend: allowed = status == .running
        case .resume: allowed = status == .suspended
        default: allowed = !status.isTerminal
        }
        guard allowed else { throw CoordinatorCommandError(jobId: id, command: "\(command)", status: status) }
    }

    private mutating func settle() -> [BundleEffect] {
        guard !status.isTerminal, coordinators.allSatisfy(\.status.isTerminal) else { return [] }
        let states = Set(coordinators.map(\.status))
        status = states.count == 1 ? states.first! : .doneWithError
        return [.finished(status)]
    }
}

/// An input to a bundle.
public enum BundleEvent: Equatable, Sendable {
    case start, suspend, resume, kill
    /// News for one coordinator, by name.
    case coordinator(String, CoordinatorEvent)
}

/// What a bundle asks its server to do.
public enum BundleEffect: Equatable, Sendable {
    /// An effect of one coordinator, by name.
    case coordinator(String, CoordinatorEffect)
    /// Every coordinator is terminal.
    case finished(CoordinatorJobStatus)
}
