import Orchestration
import Simulation

/// Reads a cluster's `platform`: `{"vm": {}}` (the default: hosts repaired by their failure
/// models) or `{"kubernetes": {…}}`, where every field defaults to Kubernetes' own default.
enum KubernetesReader {
    /// The StatefulSets a rolling update may name (the Deployment's surge is not modelled).
    static let statefulSets = ["zk", "db"]

    /// nil for a VM platform.
    static func platform(_ r: ScenarioReader) throws(ScenarioError) -> KubernetesSettings? {
        let m = try r.members(allowed: ["vm", "kubernetes"])
        guard m.count == 1 else { throw r.fail("exactly one of \"vm\" or \"kubernetes\"") }
        if let vm = m["vm"] {
            _ = try vm.members(allowed: [])
            return nil
        }
        return try kubernetes(m["kubernetes"]!)
    }

    static func kubernetes(_ r: ScenarioReader) throws(ScenarioError) -> KubernetesSettings {
        let m = try r.members(allowed: [
            "nodes", "node_failure", "node_clock_offsets", "probes", "restart_backoff", "termination_grace_period",
            "node_monitor_period", "node_monitor_grace_period", "node_lease_renew_interval", "toleration_seconds",
            "statefulset_force_delete_after", "scheduling_latency", "image_pull", "container_start",
            "endpoint_propagation", "ensemble_max_unavailable", "hang_share", "events",
        ])
        var s = KubernetesSettings()
        m["nodes"].read(into: &s.nodes) { r throws(ScenarioError) in try r.integer(min: 1, max: 100) }
        m["node_failure"].read(into: &s.nodeFailure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: s.nodes) }
        m["node_clock_offsets"].read(into: &s.nodeClockOffsets) { x throws(ScenarioError) in
            let offsets = try x.elements()
            guard offsets.count <= s.nodes else { throw x.fail("at most one offset per node (\(s.nodes))") }
            return try offsets.map { (e) throws(ScenarioError) in try e.signedDuration() }
        }
        if let x = m["probes"] { _ = x.recover { r throws(ScenarioError) in try probes(r, into: &s) } }
        if let x = m["restart_backoff"], let b = x.recover({ r throws(ScenarioError) in try r.members(allowed: ["initial", "max"]) }) {
            b["initial"].read(into: &s.restartBackoffInitial) { r throws(ScenarioError) in try r.duration() }
            b["max"].read(into: &s.restartBackoffMaximum) { r throws(ScenarioError) in try r.duration() }
            if s.restartBackoffMaximum < s.restartBackoffInitial {
                x.context.record((b["max"] ?? x).fail("a maximum ≥ the initial back-off (\(s.restartBackoffInitial))"))
            }
        }
        m["termination_grace_period"].read(into: &s.terminationGracePeriod) { r throws(ScenarioError) in try r.duration(positive: false) }
        m["node_monitor_period"].read(into: &s.nodeMonitorPeriod) { r throws(ScenarioError) in try r.duration() }
        m["node_monitor_grace_period"].read(into: &s.nodeMonitorGracePeriod) { r throws(ScenarioError) in try r.duration() }
        m["node_lease_renew_interval"].read(into: &s.nodeLeaseRenewInterval) { r throws(ScenarioError) in try r.duration() }
        m["toleration_seconds"].read(into: &s.tolerationSeconds) { r throws(ScenarioError) in try r.duration(positive: false) }
        m["statefulset_force_delete_after"].read(into: &s.statefulSetForceDeleteAfter) { r throws(ScenarioError) in try r.duration(positive: false) }
        m["scheduling_latency"].read(into: &s.schedulingLatency, DistributionReader.distribution)
        m["image_pull"].read(into: &s.imagePull, DistributionReader.distribution)
        m["container_start"].read(into: &s.containerStart, DistributionReader.distribution)
        m["endpoint_propagation"].read(into: &s.endpointPropagation, DistributionReader.distribution)
        m["ensemble_max_unavailable"].read(into: &s.ensembleMaxUnavailable) { r throws(ScenarioError) in try r.integer(min: 0, max: 15) }
        m["hang_share"].read(into: &s.hangShare) { r throws(ScenarioError) in try r.probability() }
        if let events = m["events"]?.recover({ r throws(ScenarioError) in try r.elements() }) {
            s.events = events.compactMap { e in e.recover { r throws(ScenarioError) in try event(r, nodes: s.nodes) } }
        }
        return s
    }

    /// `{"liveness": {…} | null, "readiness": …, "startup": …}`; a probe written `{}` has every default.
    static func probes(_ r: ScenarioReader, into s: inout KubernetesSettings) throws(ScenarioError) {
        let m = try r.members(allowed: ["liveness", "readiness", "startup"])
        func read(_ x: ScenarioReader?, _ current: ProbeSettings?) throws(ScenarioError) -> ProbeSettings? {
            guard let x else { return current }
            if x.value == .null { return nil }
            let f = try x.members(allowed: ["initial_delay", "period", "timeout", "failure_threshold", "success_threshold"])
            var p = ProbeSettings()
            f["initial_delay"].read(into: &p.initialDelay) { r throws(ScenarioError) in try r.duration(positive: false) }
            f["period"].read(into: &p.period) { r throws(ScenarioError) in try r.duration() }
            f["timeout"].read(into: &p.timeout) { r throws(ScenarioError) in try r.duration() }
            f["failure_threshold"].read(into: &p.failureThreshold) { r throws(ScenarioError) in try r.integer(min: 1, max: 1000) }
            f["success_threshold"].read(into: &p.successThreshold) { r throws(ScenarioError) in try r.integer(min: 1, max: 1000) }
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

    static func event(_ r: ScenarioReader, nodes: Int) throws(ScenarioError) -> KubernetesEvent {
        let m = try r.members(allowed: ["at", "action", "node", "lose_volumes", "for", "workload"])
        guard let at = m["at"], let action = m["action"] else { throw r.fail("an object with \"at\" and \"action\"") }
        let time = SimTime.zero + (try at.duration(positive: false))
        let kind = try action.choice([("node_failure", 0), ("node_repair", 1), ("drain", 2), ("rollout", 3)])
        if kind == 3 {
            guard let workload = m["workload"] else { throw r.fail("\"workload\" for a rollout") }
            let name = try workload.choice(statefulSets.map { ($0, $0) })
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
