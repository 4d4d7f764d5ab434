import Scheduler
import Simulation

/// Turns a cluster's workload into what an Oozie user cares about: were the coordinator actions
/// run on time, were any missed, did retried submissions create duplicate jobs, and how long did
/// submitting take.
///
/// It reads the job store's commits (a coordinator row names its app; the first commit of an
/// action's workflow row in RUNNING is when that workflow started) and the client's observations.
/// A nominal time counts once per coordinator app, by the earliest start among that app's jobs.
final class WorkloadTracker: Observer {
    /// The metrics of a workload with coordinators (none otherwise), in the order of ``values(measuredFrom:until:)``.
    static func metrics(_ workload: ClusterWorkload) -> [MetricID] {
        guard !workload.coordinatorApps.isEmpty else { return [] }
        return [
            MetricID(
                key: "coordinator_actions_on_time",
                title: "Due coordinator actions whose workflow started within \(workload.lateness) of the nominal time",
                isFraction: true),
            MetricID(key: "coordinator_actions_missed", title: "Due coordinator actions whose workflow never started, per replication"),
            MetricID(key: "workload_duplicate_jobs", title: "Coordinators created beyond one per submission (retried submits)"),
            MetricID(key: "workload_submit_seconds", title: "Mean time from a workload submission's first send to its acceptance"),
        ]
    }

    let specs: [CoordinatorSpec]
    let lateness: SimDuration
    /// The app of every coordinator job created, by job id.
    private var appOfJob: [String: String] = [:]
    /// When the workflow of (coordinator job, action number) started.
    private var started: [String: [Int: SimTime]] = [:]
    private var submitSeconds: [Double] = []
    private let submissions: Int

    init(_ workload: ClusterWorkload) {
        specs = workload.coordinatorApps
        lateness = workload.lateness
        submissions = workload.submissions.count
    }

    var observedTypes: [any Observation.Type]? { [StoreObservation.self, WorkloadObservation.self] }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        switch observation {
        case let store as StoreObservation:
            guard case .committed = store.outcome else { return }
            for write in store.transaction.writes {
                guard let value = write.value else { continue }
                if write.key.hasPrefix("coord/") {
                    let id = String(write.key.dropFirst(6))
                    if appOfJob[id] == nil, let row = value.coordinator { appOfJob[id] = row.job.app }
                } else if write.key.hasPrefix("wf/"), let (job, number) = Self.coordinatorAction(ofWorkflowKey: write.key),
                    started[job]?[number] == nil, value.workflow?.job.status == .running
                {
                    started[job, default: [:]][number] = time
                }
            }
        case let workload as WorkloadObservation:
            if case .accepted(_, _, _, let latency) = workload { submitSeconds.append(latency.seconds) }
        default: return
        }
    }

    /// `wf/<coordinator id>-<n>-W` → (coordinator id, n); nil for other workflows.
    static func coordinatorAction(ofWorkflowKey key: String) -> (String, Int)? {
        guard key.hasSuffix("-W") else { return nil }
        let name = key.dropFirst(3).dropLast(2)
        guard let dash = name.lastIndex(of: "-"), let number = Int(name[name.index(after: dash)...]) else { return nil }
        let job = String(name[..<dash])
        return job.hasSuffix("-C") ? (job, number) : nil
    }

    /// The metric values. A nominal time is due when it falls in the measured window at least
    /// `lateness` before its end; with none due, on-time is 1 (no action was late). A submission
    /// never accepted counts in the mean submit time as waiting from the start to the end of the run.
    func values(measuredFrom start: SimTime, until end: SimTime) -> [Double] {
        var due = 0, onTime = 0, missed = 0, duplicates = 0
        for spec in specs {
            let jobs = appOfJob.keys.filter { appOfJob[$0] == spec.name }
            duplicates += max(0, jobs.count - 1)
            var number = 1
            while spec.nominalTime(number) < spec.end, spec.nominalTime(number) + lateness <= end {
                let nominal = spec.nominalTime(number)
                if nominal >= start {
                    due += 1
                    let first = jobs.compactMap { started[$0]?[number] }.min()
                    if let first, first <= nominal + lateness { onTime += 1 }
                    if first == nil { missed += 1 }
                }
                number += 1
            }
        }
        let unaccepted = Double(submissions - submitSeconds.count) * end.seconds
        let submitMean = submissions == 0 ? 0 : (submitSeconds.reduce(0, +) + unaccepted) / Double(submissions)
        return [due == 0 ? 1 : Double(onTime) / Double(due), Double(missed), Double(duplicates), submitMean]
    }
}
