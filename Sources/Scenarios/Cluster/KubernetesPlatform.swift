import Orchestration
import Scheduler
import Simulation

/// A cluster on Kubernetes: the ensemble and the database are StatefulSets (zk-0…, db-0), the
/// scheduler servers a Deployment behind the Service the balancer stands for; compute, the
/// balancer, the probe and the client stay outside the cluster. The components' failure models
/// give their containers' times to failure; the kubelet, not a repair model, brings them back.
enum KubernetesPlatform {
    static let baseMetrics = [
        MetricID(key: "container_restarts_per_day", title: "Containers restarted in place by the kubelet, per day"),
        MetricID(key: "pod_evictions_per_day", title: "Pods evicted from NotReady nodes, per day"),
        MetricID(key: "planned_unavailability", title: "Probe requests that failed during a drain or rolling update", isFraction: true),
        MetricID(key: "unplanned_unavailability", title: "Probe requests that failed outside planned disruptions", isFraction: true),
    ]
    static let autoscalerMetrics = [
        MetricID(key: "autoscaler_rescales_per_day", title: "Changes of the scheduler Deployment's replicas by the autoscaler, per day"),
        MetricID(key: "scheduler_ready_pods_mean", title: "Time-average number of Ready scheduler pods"),
    ]

    static let cronJobMetrics = [
        MetricID(key: "cronjob_runs_started", title: "CronJob runs: Jobs created, per replication"),
        MetricID(key: "cronjob_runs_succeeded", title: "CronJob runs whose submission through the Service was accepted, per replication"),
        MetricID(key: "cronjob_runs_failed", title: "CronJob runs whose Job failed (more than backoffLimit failed pods), per replication"),
        MetricID(key: "cronjob_runs_missed", title: "Scheduled CronJob times never run, per replication"),
        MetricID(key: "cronjob_runs_skipped", title: "Scheduled CronJob times blocked by Forbid while a Job ran, per replication"),
        MetricID(key: "cronjob_too_many_missed", title: "CronJob syncs that found more than 100 missed schedules, per replication"),
    ]

    /// The platform's metrics: the autoscaler's and the CronJobs' only when there are some, so
    /// other scenarios keep their columns.
    static func metrics(_ settings: KubernetesSettings) -> [MetricID] {
        baseMetrics + (settings.autoscaler == nil ? [] : autoscalerMetrics) + (settings.cronJobs.isEmpty ? [] : cronJobMetrics)
    }

    static func orchestrator(_ spec: ClusterSpec, settings: KubernetesSettings) -> Orchestrator {
        Orchestrator(settings: settings, groups: [
            PodGroup(
                name: "zk", kind: .statefulSet, hosts: spec.zookeeperIDs, containerFailure: spec.ensemble.failure?.timeToFailure,
                maxUnavailable: settings.ensembleMaxUnavailable),
            PodGroup(
                name: "oozie", kind: .deployment, hosts: spec.schedulerIDs, containerFailure: spec.schedulerFailure?.timeToFailure,
                inService: true, replicas: spec.schedulers),
            PodGroup(name: "db", kind: .statefulSet, hosts: [spec.databaseID], containerFailure: spec.databaseFailure?.timeToFailure),
        ], jobHosts: spec.cronJobHostIDs)
    }

    /// The fraction of the measured time with at least one Ready pod of workload `group`.
    static func availability(_ orchestrator: Orchestrator, group: Int, until end: SimTime) -> Double {
        orchestrator.readyPods[group].fractions(until: end).dropFirst().reduce(0, +)
    }

    /// The metrics of ``metrics``, in order.
    static func values(_ orchestrator: Orchestrator, planned: PlannedDowntimeTracker, days: Double, until end: SimTime) -> [Double] {
        var values = [
            Double(orchestrator.phases.restarts) / days, Double(orchestrator.phases.evictions) / days,
            planned.plannedUnavailability, planned.unplannedUnavailability,
        ]
        if orchestrator.settings.autoscaler != nil {
            let ready = orchestrator.readyPods[1].fractions(until: end).enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
            values += [Double(orchestrator.rescales) / days, ready]
        }
        if !orchestrator.settings.cronJobs.isEmpty {
            let c = orchestrator.cronCounts
            values += [c.started, c.succeeded, c.failed, c.missed, c.skipped, c.tooManyMissed].map(Double.init)
        }
        return values
    }
}

/// Splits the probe's failures by cause: during a planned disruption (a drain, a rolling update)
/// or not, so planned downtime is reported apart from failures. A planned disruption lasts until
/// the first probe success after the orchestrator finished it: the failover that a rollout's last
/// deletion causes (the latch holder's pod deleted) outlasts the rollout itself.
final class PlannedDowntimeTracker: Observer {
    let orchestrator: Orchestrator
    private var total = 0
    private var plannedFailures = 0
    private var unplannedFailures = 0
    private var measuring = false
    private var afterPlanned = false

    init(_ orchestrator: Orchestrator) { self.orchestrator = orchestrator }

    func startMeasuring() {
        measuring = true
        (total, plannedFailures, unplannedFailures) = (0, 0, 0)
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard measuring, let probe = observation as? ProbeObservation else { return }
        total += 1
        let underWay = orchestrator.isPlannedDisruptionUnderWay
        if underWay { afterPlanned = true }
        if probe.success {
            if !underWay { afterPlanned = false }
            return
        }
        if afterPlanned { plannedFailures += 1 } else { unplannedFailures += 1 }
    }

    var plannedUnavailability: Double { total == 0 ? 0 : Double(plannedFailures) / Double(total) }
    var unplannedUnavailability: Double { total == 0 ? 0 : Double(unplannedFailures) / Double(total) }
}
