import Coordination
import Simulation

/// Every message kind a cluster's scheduler-side hosts send (servers, store, compute, balancer,
/// probe, workload client), so a scenario can name one and have the name checked.
public enum SchedulerMessageKinds {
    /// The kinds in a fixed order: API requests and replies (plain and as the balancer proxies
    /// them), health checks, store and compute messages.
    public static let all: [MessageKind] =
        SchedulerOperation.Kinds.all + [SchedulerReply.kind]
        + SchedulerOperation.Kinds.all.map { $0.enveloped(in: "PROXIED:") }
        + [SchedulerReply.kind.enveloped(in: "PROXIED_REPLY:"), BalancerUnavailable.kind, HealthCheck.kind, HealthReply.kind]
        + StoreRequest.Kinds.all + StoreResponse.Kinds.all
        + [ComputeLaunch.kind, ComputeAccepted.kind, ComputeCompleted.kind, ComputeQuery.kind, ComputeStatus.kind, ComputeCancel.kind]
}
