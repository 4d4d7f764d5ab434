import Simulation

/// The Service: its endpoints are the Ready pods, as the proxies see them after a propagation delay.
extension Orchestrator {
    /// A pod's readiness may have changed: the EndpointSlice controller publishes it and the
    /// proxies apply it after `endpointPropagation`. Only the latest change of a pod is applied.
    func readinessChanged(_ p: Int) {
        if pods[p].isReady, let since = pods[p].runningSince {
            measure(.readiness, from: since)
            pods[p].runningSince = nil
        }
        let g = pods[p].group
        let ready = pods.indices.filter { pods[$0].group == g && pods[$0].isReady }.count
        if ready != readyPods[g].current { readyPods[g].set(ready, at: simulator.now) }
        requestReconcile()
        guard groups[pods[p].group].inService else { return }
        pods[p].endpointVersion &+= 1
        let delay = sample(settings.endpointPropagation, for: p)
        simulator.schedule(
            at: simulator.now + delay, for: handler, kind: Kind.endpoint.rawValue, payload: payload(p, pods[p].endpointVersion))
    }

    /// The proxies apply the pod's latest state.
    func applyEndpoint(_ p: Int, version: UInt32) {
        guard version == pods[p].endpointVersion else { return }
        let ready = pods[p].isReady && pods[p].node.map { nodes[$0].isReady } == true
        guard ready != pods[p].isEndpoint else { return }
        pods[p].isEndpoint = ready
        note(ready ? "endpoint-added" : "endpoint-removed", pods[p].name, host: pods[p].host)
    }
}
