import Simulation

/// The Deployment controller's scaling: a Deployment keeps `replicas` pods, creating them in free
/// slots and removing the ones the ReplicaSet controller would delete first.
extension Orchestrator {
    /// Brings a Deployment to its `replicas` (pkg/controller/replicaset/replica_set.go `manageReplicas`).
    func syncDeployment(_ g: Int) {
        let live = pods.indices.filter { pods[$0].group == g && pods[$0].phase != .absent }
        let replicas = desiredReplicas[g]
        if live.count < replicas {
            let free = pods.indices.filter { pods[$0].group == g && pods[$0].phase == .absent }
            for p in free.prefix(replicas - live.count) { createPod(p, revision: pods[p].revision) }
        } else if live.count > replicas {
            for p in deletionOrder(live).prefix(live.count - replicas) { removePod(p) }
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
