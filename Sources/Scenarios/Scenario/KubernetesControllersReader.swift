import Orchestration
import Simulation

/// Reads the controllers of a `kubernetes` platform beyond the workloads: the
/// HorizontalPodAutoscaler of the scheduler Deployment.
enum KubernetesControllersReader {
    /// The most scheduler pods an autoscaler may ask for (each is a host of the simulation).
    static let maxSchedulerPods = 16

    /// `{"max_replicas": n, "target_requests_per_pod": x, "load": [{"at", "requests_per_second"}], …}`;
    /// the rest defaults to Kubernetes' (min 1, sync 15 s, tolerance 0.1, scale-down window 300 s).
    static func autoscaler(_ r: ScenarioReader) throws(ScenarioError) -> AutoscalerSettings {
        let m = try r.members(allowed: [
            "min_replicas", "max_replicas", "target_requests_per_pod", "sync_period", "tolerance", "scale_down_stabilization",
            "scale_up_stabilization", "load",
        ])
        guard let max = m["max_replicas"], let target = m["target_requests_per_pod"] else {
            throw r.fail("an object with \"max_replicas\" and \"target_requests_per_pod\"")
        }
        var s = AutoscalerSettings(
            workload: "oozie", maxReplicas: try max.integer(min: 1, max: maxSchedulerPods),
            targetRequestsPerPod: try target.number(Double.leastNonzeroMagnitude...1e9, "a positive number of requests per second"))
        if let x = m["min_replicas"] {
            s.minReplicas = try x.integer(min: 1, max: s.maxReplicas)
        }
        if let x = m["sync_period"] { s.syncPeriod = try x.duration() }
        if let x = m["tolerance"] { s.tolerance = try x.number(0...10, "a tolerance in [0, 10]") }
        if let x = m["scale_down_stabilization"] { s.scaleDownStabilization = try x.duration(positive: false) }
        if let x = m["scale_up_stabilization"] { s.scaleUpStabilization = try x.duration(positive: false) }
        if let x = m["load"] {
            var previous: SimDuration?
            for step in try x.elements() {
                let f = try step.members(allowed: ["at", "requests_per_second"])
                guard let at = f["at"], let rate = f["requests_per_second"] else {
                    throw step.fail("an object with \"at\" and \"requests_per_second\"")
                }
                let time = try at.duration(positive: false)
                if let previous, time <= previous { throw at.fail("a time after the previous step's (\(previous))") }
                previous = time
                s.load.append((time, try rate.number(0...1e9, "a request rate ≥ 0")))
            }
        }
        return s
    }
}
