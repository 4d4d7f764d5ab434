/// The phases of a failover that the orchestrator adds, each sampled in seconds.
public enum OrchestratorPhase: String, CaseIterable, Sendable {
    /// A container's process hangs → the kubelet has killed it (failed liveness probes, then the
    /// termination grace period a hung process cannot cut short).
    case livenessDetection = "liveness_detection"
    /// A container exited → the kubelet restarts it (CrashLoopBackOff's window).
    case restartBackoff = "restart_backoff"
    /// The kubelet starts a container → its process runs (image pull if needed, container start).
    case containerStart = "container_start"
    /// The process runs → the pod is Ready (startup and readiness probes).
    case readiness
    /// A node dies → the node lifecycle controller marks it NotReady (lease grace period).
    case nodeNotReady = "node_not_ready"
    /// NotReady → its pods are evicted (tolerationSeconds).
    case eviction
    /// A pod evicted from a lost node → bound to a node again (a StatefulSet pod waits for its old
    /// pod to be gone: the node's return, or a force delete).
    case rescheduling

    /// What the report says the phase measures.
    public var title: String {
        switch self {
        case .livenessDetection: return "container hung → killed by the kubelet (liveness probes + grace period)"
        case .restartBackoff: return "container exited → restarted (CrashLoopBackOff window)"
        case .containerStart: return "restart or binding → process running (image pull, container start)"
        case .readiness: return "process running → pod Ready (startup and readiness probes)"
        case .nodeNotReady: return "node lost → NotReady (node-monitor grace period)"
        case .eviction: return "NotReady → pods evicted (tolerationSeconds)"
        case .rescheduling: return "pod evicted → bound to a node again"
        }
    }
}

/// Samples per phase, in the order they ended.
public struct OrchestratorPhases: Sendable, Equatable {
    /// Indexed by `OrchestratorPhase.allCases`.
    public var samples: [[Double]] = OrchestratorPhase.allCases.map { _ in [] }
    /// Container restarts by the kubelet, pod evictions, and planned disruptions (drains, updates).
    public var restarts = 0
    public var evictions = 0
    public var plannedDisruptions = 0

    public init() {}

    public subscript(phase: OrchestratorPhase) -> [Double] {
        get { samples[OrchestratorPhase.allCases.firstIndex(of: phase)!] }
        set { samples[OrchestratorPhase.allCases.firstIndex(of: phase)!] = newValue }
    }
}
