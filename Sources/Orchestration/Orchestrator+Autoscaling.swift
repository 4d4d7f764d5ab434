import Simulation

/// The HorizontalPodAutoscaler controller: every sync period it sets the Deployment's `replicas`.
extension Orchestrator {
    /// One sync (pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler`). The Ready pods
    /// report the metric (they serve the load); Pending pods are unready; pods that run but are not
    /// Ready report nothing yet (missing).
    func autoscalerSync() {
        guard let (initial, g) = autoscaler else { preconditionFailure("a sync without an autoscaler") }
        var state = initial
        schedule(.autoscalerSync, at: simulator.now + state.settings.syncPeriod, 0)
        let live = pods.indices.filter { pods[$0].group == g && pods[$0].phase != .absent }
        let ready = live.filter { pods[$0].isReady }.count
        let unready = live.filter { [.pending, .creating].contains(pods[$0].phase) }.count
        let current = desiredReplicas[g]
        let desired = state.sync(
            at: simulator.now, current: current, reporting: ready, unready: unready, missing: live.count - ready - unready)
        autoscaler = (state, g)
        guard desired != current else { return }
        precondition(desired >= 1 && desired <= groups[g].hosts.count, "the autoscaler stays within its slots")
        desiredReplicas[g] = desired
        if simulator.now >= measureFrom { rescales += 1 }
        note("scaled", "\(groups[g].name) \(current) → \(desired)")
        requestReconcile()
    }
}
