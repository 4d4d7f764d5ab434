import Orchestration
import Simulation

/// Reads a cluster's `platform`: `{"vm": {}}` (the default: hosts repaired by their failure
/// models) or `{"kubernetes": {…}}`, where every field defaults to Kubernetes' own default.
enum KubernetesReader {
    /// The workloads a rolling update may name: the StatefulSets and the scheduler Deployment.
    static let rolloutWorkloads = ["zk", "db", "oozie"]

    /// nil for a VM platform; the CronJobs' tasks beside the settings. `workflows` and
    /// `coordinators` name the apps a CronJob may submit.
    static func platform(_ r: ScenarioReader, workflows: [String] = [], coordinators: [String] = [])
        throws(ScenarioError) -> (KubernetesSettings, [CronJobTask])?
    {
        let m = try r.members(allowed: ["vm", "kubernetes"])
        guard m.count == 1 else { throw r.fail("exactly one of \"vm\" or \"kubernetes\"") }
        if let vm = m["vm"] {
            _ = try vm.members(allowed: [])
            return nil
        }
        return try kubernetes(m["kubernetes"]!, workflows: workflows, coordinators: coordinators)
    }

    static func kubernetes(_ r: ScenarioReader, workflows: [String], coordinators: [String])
        throws(ScenarioError) -> (KubernetesSettings, [CronJobTask])
    {
        let m = try r.members(allowed: [
            "nodes", "node_failure", "node_clock_offsets", "probes", "restart_backoff", "termination_grace_period",
            "node_monitor_period", "node_monitor_grace_period", "node_lease_renew_interval", "toleration_seconds",
            "statefulset_force_delete_after", "scheduling_latency", "image_pull", "container_start",
            "endpoint_propagation", "ensemble_max_unavailable", "hang_share", "events", "autoscaler", "cron_jobs",
            "deployment_max_surge", "deployment_max_unavailable", "node_eviction_rate", "secondary_node_eviction_rate", "unhealthy_zone_threshold", "large_cluster_size_threshold",
        ])
        var s = KubernetesSettings()
        if let x = m["nodes"] { s.nodes = try x.integer(min: 1, max: 100) }
        if let x = m["node_failure"] { s.nodeFailure = try DistributionReader.failureModel(x, maxCrews: s.nodes) }
        if let x = m["node_clock_offsets"] {
            let offsets = try x.elements()
            guard offsets.count <= s.nodes else { throw x.fail("at most one offset per node (\(s.nodes))") }
            s.nodeClockOffsets = try offsets.map { (e) throws(ScenarioError) in try e.signedDuration() }
        }
        if let x = m["probes"] { try probes(x, into: &s) }
        if let x = m["restart_backoff"] {
            let b = try x.members(allowed: ["initial", "max"])
            if let v = b["initial"] { s.restartBackoffInitial = try v.duration() }
            if let v = b["max"] { s.restartBackoffMaximum = try v.duration() }
            guard s.restartBackoffMaximum >= s.restartBackoffInitial else {
                throw (b["max"] ?? x).fail("a maximum ≥ the initial back-off (\(s.restartBackoffInitial))")
            }
        }
        if let x = m["termination_grace_period"] { s.terminationGracePeriod = try x.duration(positive: false) }
        if let x = m["node_monitor_period"] { s.nodeMonitorPeriod = try x.duration() }
        if let x = m["node_monitor_grace_period"] { s.nodeMonitorGracePeriod = try x.duration() }
        if let x = m["node_lease_renew_interval"] { s.nodeLeaseRenewInterval = try x.duration() }
        if let x = m["toleration_seconds"] { s.tolerationSeconds = try x.duration(positive: false) }
        if let x = m["statefulset_force_delete_after"] { s.statefulSetForceDeleteAfter = try x.duration(positive: false) }
        if let x = m["scheduling_latency"] { s.schedulingLatency = try DistributionReader.distribution(x) }
        if let x = m["image_pull"] { s.imagePull = try DistributionReader.distribution(x) }
        if let x = m["container_start"] { s.containerStart = try DistributionReader.distribution(x) }
        if let x = m["endpoint_propagation"] { s.endpointPropagation = try DistributionReader.distribution(x) }
        if let x = m["ensemble_max_unavailable"] { s.ensembleMaxUnavailable = try x.integer(min: 0, max: 15) }
        if let x = m["hang_share"] { s.hangShare = try x.probability() }
        if let x = m["deployment_max_surge"] { s.deploymentMaxSurge = try rollingValue(x) }
        if let x = m["deployment_max_unavailable"] { s.deploymentMaxUnavailable = try rollingValue(x) }
        if let x = m["node_eviction_rate"] { s.nodeEvictionRate = try x.number(0...1e6, "a rate ≥ 0 (nodes per second)") }
        if let x = m["secondary_node_eviction_rate"] { s.secondaryNodeEvictionRate = try x.number(0...1e6, "a rate ≥ 0 (nodes per second)") }
        if let x = m["unhealthy_zone_threshold"] { s.unhealthyZoneThreshold = try x.probability() }
        if let x = m["large_cluster_size_threshold"] { s.largeClusterSizeThreshold = try x.integer(min: 0) }
        if let x = m["autoscaler"] { s.autoscaler = try KubernetesControllersReader.autoscaler(x) }
        if let x = m["events"] { s.events = try x.elements().map { (e) throws(ScenarioError) in try event(e, nodes: s.nodes) } }
        var tasks: [CronJobTask] = []
        if let x = m["cron_jobs"] {
            let jobs = try KubernetesControllersReader.cronJobs(x, workflows: workflows, coordinators: coordinators)
            s.cronJobs = jobs.map(\.0)
            tasks = jobs.map(\.1)
        }
        return (s, tasks)
    }

    /// `{"liveness": {…} | null, "readiness": …, "startup": …}`; a probe written `{}` has every default.
    static func probes(_ r: ScenarioReader, into s: inout KubernetesSettings) throws(ScenarioError) {
        let m = try r.members(allowed: ["liveness", "readiness", "startup"])
        func read(_ x: ScenarioReader?, _ current: ProbeSettings?) throws(ScenarioError) -> ProbeSettings? {
            guard let x else { return current }
            if x.value == .null { return nil }
            let f = try x.members(allowed: ["initial_delay", "period", "timeout", "failure_threshold", "success_threshold"])
            var p = ProbeSettings()
            if let v = f["initial_delay"] { p.initialDelay = try v.duration(positive: false) }
            if let v = f["period"] { p.period = try v.duration() }
            if let v = f["timeout"] { p.timeout = try v.duration() }
            if let v = f["failure_threshold"] { p.failureThreshold = try v.integer(min: 1, max: 1000) }
            if let v = f["success_threshold"] { p.successThreshold = try v.integer(min: 1, max: 1000) }
            return p
        }
        s.liveness = try read(m["liveness"], s.liveness)
        s.readiness = try read(m["readiness"], s.readiness)
        s.startup = try read(m["startup"], s.startup)
        // Kubernetes' validation: liveness and startup need successThreshold 1 (pkg/apis/core/validation).
        for (key, probe) in [("liveness", s.liveness), ("startup", s.startup)] where (probe?.successThreshold ?? 1) != 1 {
            throw m[key]!.fail("\"success_threshold\": 1 for a \(key) probe", hint: "Kubernetes rejects any other value")
        }
    }

    /// A pod count or a percentage written "25%" (an `IntOrString`).
    static func rollingValue(_ r: ScenarioReader) throws(ScenarioError) -> RollingUpdateValue {
        if case .string(let text) = r.value, text.hasSuffix("%"), let p = Int(text.dropLast()), (0...100).contains(p) {
            return .percent(p)
        }
        guard case .number = r.value else { throw r.fail("a pod count or a percentage such as \"25%\"") }
        return .pods(try r.integer(min: 0, max: 100))
    }

    static func event(_ r: ScenarioReader, nodes: Int) throws(ScenarioError) -> KubernetesEvent {
        let m = try r.members(allowed: ["at", "action", "node", "lose_volumes", "for", "workload"])
        guard let at = m["at"], let action = m["action"] else { throw r.fail("an object with \"at\" and \"action\"") }
        let time = SimTime.zero + (try at.duration(positive: false))
        let kind = try action.choice([
            ("node_failure", 0), ("node_repair", 1), ("drain", 2), ("rollout", 3), ("controller_manager_down", 4),
        ])
        if kind == 4 {
            guard let duration = m["for"] else { throw r.fail("\"for\": how long the controller manager is down") }
            return KubernetesEvent(at: time, .controllerManagerDown(for: try duration.duration()))
        }
        if kind == 3 {
            guard let workload = m["workload"] else { throw r.fail("\"workload\" for a rollout") }
            let name = try workload.choice(rolloutWorkloads.map { ($0, $0) })
            return KubernetesEvent(at: time, .rollout(group: name))
        }
        guard let nodeReader = m["node"] else { throw r.fail("\"node\" for \(kind == 2 ? "drain" : "a node event")") }
        let names = (0..<nodes).map { "node-\($0)" }
        let node = try nodeReader.choice(names.enumerated().map { ($0.element, $0.offset) })
        switch kind {
        case 0: return KubernetesEvent(at: time, .nodeFailure(loseVolumes: try m["lose_volumes"]?.bool() ?? false), node: node)
        case 1: return KubernetesEvent(at: time, .nodeRepair, node: node)
        default: return KubernetesEvent(at: time, .drain(for: try m["for"]?.duration()), node: node)
        }
    }
}
