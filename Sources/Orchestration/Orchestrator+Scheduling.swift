import Simulation

/// The workload controllers and kube-scheduler: pending pods are bound to nodes, StatefulSet pods
/// in ordinal order.
extension Orchestrator {
    /// One pass of the controllers: every pending pod whose turn it is goes to the scheduler. A
    /// StatefulSet with `podManagementPolicy: OrderedReady` (the default) creates pod i only when
    /// pods 0…i−1 are Running and Ready (pkg/controller/statefulset/stateful_set_control.go).
    func reconcile() {
        reconcileQueued = false
        for g in groups.indices where groups[g].kind == .deployment { syncDeployment(g) }
        for (g, group) in groups.enumerated() {
            var predecessorsReady = true
            for p in pods.indices where pods[p].group == g {
                if pods[p].phase == .pending && !bindQueued[p] && (group.kind == .deployment || predecessorsReady) {
                    bindQueued[p] = true
                    schedule(.bind, at: simulator.now + sample(settings.schedulingLatency, for: p), Int64(p))
                }
                predecessorsReady = predecessorsReady && pods[p].isReady
            }
        }
        advanceRollouts()
    }

    /// kube-scheduler binds the pod, or leaves it pending until the cluster changes.
    func bind(_ p: Int) {
        bindQueued[p] = false
        guard pods[p].phase == .pending else { return }
        guard let node = pickNode(for: p) else {
            note("unschedulable", pods[p].name, host: pods[p].host)
            return
        }
        if let evicted = pods[p].evictedAt { measure(.rescheduling, from: evicted) }
        pods[p].evictedAt = nil
        pods[p].node = node
        note("bound", "\(pods[p].name) to \(nodes[node].name)", host: pods[p].host)
        startProbeWorkers(p)
        createContainer(p)
    }

    /// A Ready, schedulable node with no pod of the same workload if anti-affinity asks, the one with
    /// the fewest pods first (a simplification of the scheduler's spreading scores), then by index.
    func pickNode(for p: Int) -> Int? {
        let group = pods[p].group
        var best: (node: Int, load: Int)?
        for n in nodes.indices where nodes[n].isUp && nodes[n].isReady && !nodes[n].cordoned {
            let here = pods(on: n)
            if groups[group].antiAffinity && here.contains(where: { pods[$0].group == group && $0 != p }) { continue }
            if best == nil || here.count < best!.load { best = (n, here.count) }
        }
        return best?.node
    }
}
