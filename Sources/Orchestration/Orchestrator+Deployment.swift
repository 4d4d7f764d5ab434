import Simulation

/// The Deployment controller: a Deployment keeps `replicas` pods of its current revision, creating
/// them in free slots and removing the ones the ReplicaSet controller would delete first; a rolling
/// update replaces old pods within maxSurge and maxUnavailable.
extension Orchestrator {
    /// Brings a Deployment to its `replicas` (pkg/controller/replicaset/replica_set.go `manageReplicas`),
    /// or takes a rolling update one step.
    func syncDeployment(_ g: Int) {
        let live = pods.indices.filter { pods[$0].group == g && pods[$0].phase != .absent }
        let replicas = desiredReplicas[g]
        if live.contains(where: { pods[$0].revision != revisions[g] }) { return rollingUpdateStep(g) }
        if live.count < replicas {
            for p in freeSlots(g).prefix(replicas - live.count) { createPod(p, revision: revisions[g]) }
        } else if live.count > replicas {
            for p in deletionOrder(live).prefix(live.count - replicas) { removePod(p) }
        }
        if let r = deploymentRollouts.firstIndex(where: { $0.group == g }), live.allSatisfy({ pods[$0].isReady }) {
            plannedWindows[deploymentRollouts[r].window].end = simulator.now
            deploymentRollouts.remove(at: r)
            note("rollout-complete", groups[g].name)
        }
    }

    func freeSlots(_ g: Int) -> [Int] { pods.indices.filter { pods[$0].group == g && pods[$0].phase == .absent } }

    /// One step of `RollingUpdate` (pkg/controller/deployment/rolling.go `rolloutRolling`): scale
    /// the new pods up to replicas + maxSurge in all (`reconcileNewReplicaSet`), then delete old
    /// ones — unhealthy first, then Ready ones — while replicas − maxUnavailable stay Ready
    /// (`reconcileOldReplicaSets`, `cleanupUnhealthyReplicas`, `scaleDownOldReplicaSetsForRollingUpdate`).
    /// Simplification: minReadySeconds is 0, so a Ready pod is available.
    func rollingUpdateStep(_ g: Int) {
        let replicas = desiredReplicas[g]
        let (surge, unavailable) = settings.rollingUpdateBounds(replicas: replicas)
        var live = pods.indices.filter { pods[$0].group == g && pods[$0].phase != .absent }
        let newCount = live.filter { pods[$0].revision == revisions[g] }.count
        let create = min(replicas + surge - live.count, replicas - newCount)
        for p in freeSlots(g).prefix(max(0, create)) { createPod(p, revision: revisions[g]) }
        live = pods.indices.filter { pods[$0].group == g && pods[$0].phase != .absent }
        let minAvailable = replicas - unavailable
        let newUnavailable = live.filter { pods[$0].revision == revisions[g] && !pods[$0].isReady }.count
        var budget = live.count - minAvailable - newUnavailable
        guard budget > 0 else { return }
        let old = deletionOrder(live.filter { pods[$0].revision != revisions[g] })
        for p in old where !pods[p].isReady && budget > 0 {
            removePod(p)
            budget -= 1
        }
        var available = live.filter { pods[$0].phase != .absent && pods[$0].isReady }.count
        for p in old where pods[p].phase != .absent && pods[p].isReady && available > minAvailable {
            removePod(p)
            available -= 1
        }
    }

    /// A new pod in an empty slot: pending for the scheduler, on a fresh disk.
    func createPod(_ p: Int, revision: Int) {
        precondition(pods[p].phase == .absent && groups[pods[p].group].kind == .deployment, "a new pod goes in a free slot")
        pods[p].phase = .pending
        pods[p].node = nil
        pods[p].generation &+= 1
        pods[p].wipeOnStart = true
        pods[p].backoff.reset()
        pods[p].revision = revision
        note("created", pods[p].name, host: pods[p].host)
        readinessChanged(p)
    }

    /// The pod is deleted on purpose (scale down, rolling update): it ends gracefully and its slot is free.
    func removePod(_ p: Int) {
        precondition(pods[p].phase != .absent, "removing a pod that exists")
        note("deleted", pods[p].name, host: pods[p].host)
        crashHost(p, silently: false)
        pods[p].phase = .absent
        pods[p].node = nil
        pods[p].generation &+= 1
        pods[p].updating = false
        readinessChanged(p)
    }

    /// The order in which the ReplicaSet controller deletes pods (pkg/controller/controller_utils.go
    /// `ActivePodsWithRanks`): unbound before bound, not running before running, not Ready before
    /// Ready, then the most recently started first. Simplification: the ranks by restart count and
    /// co-located pods are left out; the last tie breaks by the highest slot.
    func deletionOrder(_ candidates: [Int]) -> [Int] {
        candidates.sorted { a, b in
            let ka = [pods[a].node != nil, pods[a].phase == .running, pods[a].isReady].map { $0 ? 1 : 0 }
            let kb = [pods[b].node != nil, pods[b].phase == .running, pods[b].isReady].map { $0 ? 1 : 0 }
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            if pods[a].startedAt != pods[b].startedAt { return pods[a].startedAt > pods[b].startedAt }
            return a > b
        }
    }
}
