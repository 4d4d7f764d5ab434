import Simulation

/// Nodes failing silently, the node lifecycle controller (NotReady, NoExecute eviction) and the
/// kubelet of a node that comes back.
extension Orchestrator {
    /// The node dies: its pods' processes vanish without resetting a connection; the control plane
    /// learns only when the node's lease goes stale.
    func nodeFailed(_ n: Int, loseVolumes: Bool) {
        guard nodes[n].isUp else { return }
        nodes[n].isUp = false
        nodes[n].generation &+= 1
        nodes[n].failedAt = simulator.now
        note("node-failed", nodes[n].name)
        for p in pods(on: n) {
            crashHost(p, silently: true)
            if loseVolumes { pods[p].wipeOnStart = true }
            guard [.creating, .running, .backoff].contains(pods[p].phase) else { continue }
            pods[p].phase = .lost
            pods[p].generation &+= 1
            pods[p].lostAt = simulator.now
        }
        if loseVolumes { nodes[n].images = nodes[n].images.map { _ in false } }
        schedule(.nodeNotReady, at: notReadyTime(of: n), payload(n, nodes[n].generation))
    }

    /// When the controller, looking every `nodeMonitorPeriod`, first sees the node's last lease
    /// renewal older than `nodeMonitorGracePeriod` (node_lifecycle_controller.go `tryUpdateNodeHealth`).
    func notReadyTime(of n: Int) -> SimTime {
        let now = simulator.now.nanoseconds
        let renew = settings.nodeLeaseRenewInterval.nanoseconds
        let lastRenewal = now - (now - nodes[n].leasePhase.nanoseconds).modulo(renew)
        let stale = lastRenewal + settings.nodeMonitorGracePeriod.nanoseconds
        let period = settings.nodeMonitorPeriod.nanoseconds
        let tick = stale + period - (stale - controllerPhase.nanoseconds).modulo(period)
        return SimTime(nanoseconds: max(tick, now))
    }

    /// NotReady: the controller marks the node's pods not Ready (their endpoints go) and queues the
    /// node for its NoExecute taint; pods are evicted when their toleration of it runs out.
    func nodeNotReady(_ n: Int) {
        nodes[n].isReady = false
        nodes[n].notReadyAt = simulator.now
        measure(.nodeNotReady, from: nodes[n].failedAt)
        note("node-not-ready", nodes[n].name)
        for p in pods(on: n) { readinessChanged(p) }
        taintQueue.append(n)
        processTaintQueue()
    }

    /// The zone's tainting rate (`handleDisruption`): the normal rate; in partial disruption the
    /// secondary rate in a large cluster and none in a small one; none in full disruption (every
    /// node NotReady: the controller assumes its own connectivity is at fault).
    var evictionRate: Double {
        let notReady = nodes.filter { !$0.isReady }.count
        if notReady == nodes.count { return 0 }
        let partial = notReady > 2 && Double(notReady) / Double(nodes.count) >= settings.unhealthyZoneThreshold
        guard partial else { return settings.nodeEvictionRate }
        return nodes.count > settings.largeClusterSizeThreshold ? settings.secondaryNodeEvictionRate : 0
    }

    /// Taints queued nodes as the token bucket (burst 1) allows (`doNoExecuteTaintingPass`). A
    /// change of rate swaps in a fresh bucket (`SwapLimiter`). Simplification: the queue is worked
    /// the moment a token is there, not at the controller's next 100 ms pass.
    func processTaintQueue() {
        taintQueue.removeAll { nodes[$0].isReady }
        let rate = evictionRate
        guard rate > 0, let n = taintQueue.first else { return }
        if let last = lastTaint, last.rate == rate {
            let next = last.time + SimDuration(seconds: 1 / rate)
            if next > simulator.now {
                if !taintQueueScheduled {
                    taintQueueScheduled = true
                    schedule(.taintQueue, at: next, 0)
                }
                return
            }
        }
        taintQueue.removeFirst()
        lastTaint = (simulator.now, rate)
        note("node-tainted", nodes[n].name)
        schedule(.evict, at: simulator.now + settings.tolerationSeconds, payload(n, nodes[n].generation))
        processTaintQueue()
    }

    /// The taint manager deletes the node's pods (plugin/pkg/admission/defaulttolerationseconds:
    /// every pod tolerates `unreachable` for 300 s). A Deployment's pod is replaced at once; a
    /// StatefulSet's stays Terminating until the kubelet confirms, which a dead node never does.
    func evictPods(of n: Int) {
        for p in pods(on: n) where pods[p].phase == .lost {
            measure(.eviction, from: nodes[n].notReadyAt)
            phases.evictions += 1
            pods[p].evictedAt = simulator.now
            note("evicted", "\(pods[p].name) from \(nodes[n].name)", host: pods[p].host)
            if groups[pods[p].group].kind == .deployment {
                pods[p].wipeOnStart = true
                podDeleted(p)
            } else {
                pods[p].phase = .terminating
                pods[p].generation &+= 1
                if let after = settings.statefulSetForceDeleteAfter {
                    schedule(.forceDelete, at: simulator.now + after, payload(p, pods[p].generation))
                }
            }
        }
    }

    /// The pod object is gone: its controller creates it again (pending, for the scheduler).
    func podDeleted(_ p: Int) {
        pods[p].phase = .pending
        pods[p].node = nil
        pods[p].generation &+= 1
        pods[p].backoff.reset()
        readinessChanged(p)
    }

    /// The node is back: its kubelet starts the pods still bound to it (their containers are gone
    /// with the reboot, and so is its in-memory back-off) and completes the deletion of evicted ones.
    func nodeRepaired(_ n: Int) {
        guard !nodes[n].isUp else { return }
        nodes[n].isUp = true
        nodes[n].isReady = true
        nodes[n].generation &+= 1
        note("node-repaired", nodes[n].name)
        processTaintQueue()  // the zone may have left a disruption state
        for p in pods(on: n) {
            switch pods[p].phase {
            case .lost:
                pods[p].backoff.reset()
                startProbeWorkers(p)
                createContainer(p)
            case .terminating:
                podDeleted(p)
            default:
                break
            }
        }
        requestReconcile()
    }
}

extension Int64 {
    /// The non-negative remainder.
    func modulo(_ m: Int64) -> Int64 {
        let r = self % m
        return r < 0 ? r + m : r
    }
}
