import Simulation

/// Scripted node failures and planned disruptions: drains through the eviction API (which respects
/// PodDisruptionBudgets) and StatefulSet rolling updates (which do not consult them).
extension Orchestrator {
    /// `kubectl drain` retries an eviction the budget refuses every 5 s (kubectl/pkg/drain `evictPods`).
    static let evictionRetry = SimDuration.seconds(5)

    func runScripted(_ event: KubernetesEvent) {
        switch event.action {
        case .nodeFailure(let loseVolumes): nodeFailed(event.node, loseVolumes: loseVolumes)
        case .nodeRepair: nodeRepaired(event.node)
        case .controllerManagerDown(let duration): controllerManagerDown(until: simulator.now + duration)
        case .drain(let duration):
            nodes[event.node].cordoned = true
            note("drain", nodes[event.node].name)
            plannedWindows.append((simulator.now, nil))
            phases.plannedDisruptions += 1
            drains.append((event.node, plannedWindows.count - 1))
            if let duration { schedule(.uncordon, at: simulator.now + duration, Int64(event.node)) }
            drainStep(event.node)
        case .rollout(let name):
            guard let g = groups.firstIndex(where: { $0.name == name }) else { preconditionFailure("no workload \(name)") }
            note("rollout", name)
            plannedWindows.append((simulator.now, nil))
            phases.plannedDisruptions += 1
            if groups[g].kind == .deployment {
                revisions[g] += 1
                deploymentRollouts.append((g, plannedWindows.count - 1))
                return requestReconcile()
            }
            let ordinals = pods.indices.filter { pods[$0].group == g }.reversed()
            rollouts.append((g, Array(ordinals), plannedWindows.count - 1))
            advanceRollouts()
        }
    }

    func uncordon(_ n: Int) {
        nodes[n].cordoned = false
        note("uncordon", nodes[n].name)
        requestReconcile()
    }

    /// Evicts every pod still on the draining node that its budget allows; retries the rest.
    /// An evicted pod ends gracefully (its connections close) and its controller recreates it elsewhere.
    func drainStep(_ n: Int) {
        guard let d = drains.firstIndex(where: { $0.node == n }) else { return }
        let remaining = pods(on: n).filter { [.creating, .running, .backoff].contains(pods[$0].phase) }
        for p in remaining where evictionAllowed(p) {
            note("evicted", "\(pods[p].name) from \(nodes[n].name) (drain)", host: pods[p].host)
            crashHost(p, silently: false)
            if groups[pods[p].group].kind == .deployment { pods[p].wipeOnStart = true }
            podDeleted(p)
        }
        if pods(on: n).contains(where: { [.creating, .running, .backoff].contains(pods[$0].phase) }) {
            schedule(.drainStep, at: simulator.now + Self.evictionRetry, Int64(n))
        } else {
            plannedWindows[drains[d].window].end = simulator.now
            drains.remove(at: d)
        }
    }

    /// The eviction API's check against the pod's PodDisruptionBudget
    /// (pkg/registry/core/pod/storage/eviction.go): evicting it must leave at least
    /// `replicas − maxUnavailable` pods healthy; an unhealthy pod may go while the budget holds.
    func evictionAllowed(_ p: Int) -> Bool {
        let g = pods[p].group
        guard let maxUnavailable = groups[g].maxUnavailable else { return true }
        let unavailable = pods.indices.filter { pods[$0].group == g && !pods[$0].isReady }.count
        return unavailable + (pods[p].isReady ? 1 : 0) <= maxUnavailable
    }

    /// StatefulSet `RollingUpdate`: the highest ordinal first; the next only when every pod of the
    /// set is Running and Ready again (stateful_set_control.go `updateStatefulSet`).
    func advanceRollouts() {
        var r = 0
        while r < rollouts.count {
            let g = rollouts[r].group
            let members = pods.indices.filter { pods[$0].group == g }
            if members.allSatisfy({ pods[$0].isReady }), let next = rollouts[r].queue.first {
                if pods[next].updating {
                    pods[next].updating = false
                    rollouts[r].queue.removeFirst()
                    continue
                }
                pods[next].updating = true
                note("updating", pods[next].name, host: pods[next].host)
                crashHost(next, silently: false)
                podDeleted(next)
            }
            if rollouts[r].queue.isEmpty {
                plannedWindows[rollouts[r].window].end = simulator.now
                rollouts.remove(at: r)
            } else {
                r += 1
            }
        }
    }
}
