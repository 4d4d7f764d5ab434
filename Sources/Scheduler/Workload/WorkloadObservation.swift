import Simulation

/// What the ``WorkloadClient`` saw, for the metrics of a scenario.
public enum WorkloadObservation: Observation, Equatable, Sendable {
    /// A submission was accepted after `attempts` sends, `latency` after its first send.
    case accepted(app: String, jobId: String, attempts: Int, latency: SimDuration)
    /// A send of a submission failed (an error, the balancer's refusal or the timeout); it is retried after `retryIn`.
    case submitFailed(app: String, attempt: Int, retryIn: SimDuration)
    /// A late reply accepted a submission already adopted: Oozie created a second job for it.
    case duplicate(app: String, jobId: String)
    /// Following a job, its status changed.
    case status(app: String, jobId: String, status: CoordinatorJobStatus)
}
