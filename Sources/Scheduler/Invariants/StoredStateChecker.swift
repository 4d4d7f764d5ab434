/// Checks every committed write of job rows against the previous committed value of that row:
/// job and action states only move along legal transitions, one write possibly covering several (S12, terminal stays terminal), actions
/// are never forgotten, and a coordinator's actions only grow, numbered without gaps, each nominal
/// time once (S10). A stale writer that overwrites its successor shows up here even when no token
/// is involved. A deleted row (the purge) is forgotten: the store refuses an update of a missing
/// row at its old version, so only a new job could write that key again. Used by ``SchedulerInvariantChecker``.
struct StoredStateChecker {
    private var workflows: [String: WorkflowJobSnapshot] = [:]
    private var coordinators: [String: CoordinatorJobSnapshot] = [:]

    /// The violations a committed write of `value` under `key` reveals (none for rows that are not jobs).
    mutating func check(_ key: String, _ value: StoredValue?) -> [String] {
        switch value {
        case .workflow(let row):
            defer { workflows[row.job.id] = row.job }
            return workflows[row.job.id].map { Self.compare($0, row.job) } ?? []
        case .coordinator(let row):
            defer { coordinators[row.job.id] = row.job }
            return coordinators[row.job.id].map { Self.compare($0, row.job) } ?? Self.numbering(row.job)
        case nil:
            if key.hasPrefix("wf/") { workflows[String(key.dropFirst(3))] = nil }
            if key.hasPrefix("coord/") { coordinators[String(key.dropFirst(6))] = nil }
            return []
        case .text:
            return []
        }
    }

    static func compare(_ old: WorkflowJobSnapshot, _ new: WorkflowJobSnapshot) -> [String] {
        var problems: [String] = []
        if old.status != new.status && !old.status.canReach(new.status) {
            problems.append("job \(new.id): illegal transition \(old.status.rawValue) → \(new.status.rawValue)")
        }
        for before in old.actions {
            guard let after = new.actions.first(where: { $0.name == before.name }) else {
                problems.append("job \(new.id): action \(before.name) disappeared")
                continue
            }
            if before.status != after.status && !before.status.canReach(after.status) {
                problems.append(
                    "job \(new.id): action \(before.name) illegal transition \(before.status.rawValue) → \(after.status.rawValue)")
            }
        }
        return problems
    }

    static func compare(_ old: CoordinatorJobSnapshot, _ new: CoordinatorJobSnapshot) -> [String] {
        var problems = numbering(new)
        if old.status != new.status && !old.status.canReach(new.status) {
            problems.append("coordinator \(new.id): illegal transition \(old.status.rawValue) → \(new.status.rawValue)")
        }
        if new.actions.count < old.actions.count {
            problems.append("coordinator \(new.id): \(old.actions.count - new.actions.count) materialized actions lost")
        }
        for (before, after) in zip(old.actions, new.actions) where before.status != after.status {
            if !before.status.canReach(after.status) {
                problems.append(
                    "coordinator \(new.id): action \(before.number) illegal transition \(before.status.rawValue) → \(after.status.rawValue)")
            }
        }
        return problems
    }

    /// Numbers 1…n without gaps, nominal times strictly increasing (so none twice).
    static func numbering(_ job: CoordinatorJobSnapshot) -> [String] {
        var problems: [String] = []
        for (i, action) in job.actions.enumerated() where action.number != i + 1 {
            problems.append("coordinator \(job.id): action at position \(i + 1) has number \(action.number)")
        }
        for (a, b) in zip(job.actions, job.actions.dropFirst()) where a.nominalNanoseconds >= b.nominalNanoseconds {
            problems.append("coordinator \(job.id): nominal time of action \(b.number) not after action \(a.number)'s")
        }
        return problems
    }
}
