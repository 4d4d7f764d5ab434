import Simulation

/// One kubelet probe of a container (liveness, readiness or startup), with Kubernetes' defaults.
///
/// Source: Kubernetes API reference, `Probe` (k8s.io/api/core/v1/types.go, the field comments) and
/// the defaulting in pkg/apis/core/v1/defaults.go `SetDefaults_Probe`: initialDelaySeconds 0,
/// periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3.
public struct ProbeSettings: Sendable, Equatable {
    /// `initialDelaySeconds`: probes before this much time since the container started are skipped.
    public var initialDelay: SimDuration = .zero
    /// `periodSeconds`: the probe worker's ticker.
    public var period: SimDuration = .seconds(10)
    /// `timeoutSeconds`: a probe not answered within this is a failure.
    public var timeout: SimDuration = .seconds(1)
    /// `failureThreshold`: consecutive failures that turn the result to failure.
    public var failureThreshold = 3
    /// `successThreshold`: consecutive successes that turn it back to success (1 for liveness and startup).
    public var successThreshold = 1

    public init() {}
}

/// Consecutive probe results, as the kubelet's prober worker counts them
/// (pkg/kubelet/prober/worker.go `doProbe`: the result changes only after `failureThreshold`
/// failures or `successThreshold` successes in a row).
public struct ProbeCounter: Sendable, Equatable {
    /// The probe's current verdict.
    public private(set) var passing: Bool
    private var run = 0

    /// A counter whose verdict starts as `passing` (liveness starts passing, readiness failing).
    public init(passing: Bool) { self.passing = passing }

    /// Records one result; returns whether the verdict changed.
    public mutating func record(_ success: Bool, _ settings: ProbeSettings) -> Bool {
        precondition(settings.failureThreshold >= 1 && settings.successThreshold >= 1, "thresholds are ≥ 1")
        if success == passing {
            run = 0
            return false
        }
        run += 1
        guard run >= (success ? settings.successThreshold : settings.failureThreshold) else { return false }
        passing = success
        run = 0
        return true
    }
}
