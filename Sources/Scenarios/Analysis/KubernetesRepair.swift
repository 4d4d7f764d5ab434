import Foundation
import Orchestration
import Simulation

/// On Kubernetes the orchestrator, not a repair model, brings a pod back, so the analytic models
/// take their MTTR from the orchestrator's settings instead of the failure models' `ttr` (which the
/// simulation ignores there). Per pod, two independent causes of downtime:
///
/// - its container fails (the component's failure model's ttf): a crash is restarted at once
///   (failures hours apart find the CrashLoopBackOff window reset), a hang (`hang_share`) first
///   waits for liveness: on average half a period to the first failing probe, failureThreshold − 1
///   more periods, the probe timeout, then the termination grace period. Then the container starts
///   and, with a readiness probe, is Ready at the kubelet's next relist (0.5 s on average);
/// - its node fails (`node_failure`): NotReady after the lease grace period (its renewal and the
///   controller's pass each half a period early or late on average), then a Deployment pod is
///   evicted after tolerationSeconds, rescheduled, pulls the image and starts, unless the node
///   comes back first; a StatefulSet pod waits for its node (or the force delete).
///
/// The pod's failure rate is the sum of the two, its MTTR their rate-weighted mean.
/// Simplifications, said in the model's label and docs/models.md: node failures are counted
/// independently for each pod (they are correlated across workloads); the node's repair time is
/// taken as exponential with its mean when it races the eviction (E[min(X, d)] = m(1 − e^(−d/m)));
/// eviction rate limits and the failover the scheduler's latch adds are left out (the calibrated
/// model adds the measured failover).
enum KubernetesRepair {
    /// The mean seconds from a pod's container failing to its pod being Ready again.
    static func containerSeconds(_ s: KubernetesSettings) -> Double {
        let start = s.containerStart.mean + (s.readiness == nil ? 0 : 0.5)
        guard s.hangShare > 0 else { return start }
        let probe = s.liveness ?? ProbeSettings()
        let liveness = s.liveness == nil ? 0 : probe.period.seconds * (Double(probe.failureThreshold) - 0.5)
            + probe.timeout.seconds + s.terminationGracePeriod.seconds
        // Without a liveness probe a hung container is never restarted: its MTTR is unbounded.
        let hang = s.liveness == nil ? Double.infinity : liveness + start
        return (1 - s.hangShare) * start + s.hangShare * hang
    }

    /// The mean seconds from a pod's node failing to the pod being Ready again.
    static func nodeSeconds(_ s: KubernetesSettings, statefulSet: Bool, nodeRepair: Double) -> Double {
        let start = s.containerStart.mean + (s.readiness == nil ? 0 : 0.5)
        let notReady = s.nodeMonitorGracePeriod.seconds - s.nodeLeaseRenewInterval.seconds / 2 + s.nodeMonitorPeriod.seconds / 2
        let moved: Double?
        if statefulSet {
            moved = s.statefulSetForceDeleteAfter.map {
                notReady + s.tolerationSeconds.seconds + $0.seconds + s.schedulingLatency.mean + s.imagePull.mean + start
            }
        } else {
            moved = notReady + s.tolerationSeconds.seconds + s.schedulingLatency.mean + s.imagePull.mean + start
        }
        guard let moved else { return nodeRepair + start }
        return nodeRepair * (1 - exp(-moved / nodeRepair)) + start
    }

    /// A component's failure model as the orchestrator repairs it: exponential times to failure at
    /// the summed rate, a deterministic repair of the weighted MTTR. nil if the pod never fails.
    static func model(_ container: FailureModel?, _ s: KubernetesSettings, statefulSet: Bool) -> FailureModel? {
        let containerRate = container.map { 1 / $0.timeToFailure.mean } ?? 0
        let nodeRate = s.nodeFailure.map { 1 / $0.timeToFailure.mean } ?? 0
        guard containerRate + nodeRate > 0 else { return nil }
        let nodeMTTR = s.nodeFailure.map { nodeSeconds(s, statefulSet: statefulSet, nodeRepair: $0.timeToRepair.mean) } ?? 0
        let mttr = (containerRate * containerSeconds(s) + nodeRate * nodeMTTR) / (containerRate + nodeRate)
        return FailureModel(timeToFailure: .exponential(mean: 1 / (containerRate + nodeRate)), timeToRepair: .deterministic(mttr))
    }

    /// The cluster with each pod's failure model replaced by the orchestrator's; the balancer,
    /// outside the cluster, keeps its own.
    static func spec(_ spec: ClusterSpec) -> ClusterSpec {
        guard let s = spec.kubernetes else { return spec }
        var repaired = spec
        repaired.ensemble.failure = model(spec.ensemble.failure, s, statefulSet: true)
        repaired.schedulerFailure = model(spec.schedulerFailure, s, statefulSet: false)
        repaired.databaseFailure = model(spec.databaseFailure, s, statefulSet: true)
        return repaired
    }

    /// What the model labels say about the repairs.
    static func label(_ spec: ClusterSpec) -> String {
        let parts = [("zk", spec.ensemble.failure), ("oozie", spec.schedulerFailure), ("db", spec.databaseFailure)]
            .compactMap { name, model in model.map { "\(name) \(NumberFormat.significant($0.timeToRepair.mean, digits: 3)) s" } }
        return "Kubernetes MTTR from the orchestrator's settings (" + parts.joined(separator: ", ") + ")"
    }
}
