import Simulation

/// A HorizontalPodAutoscaler on a Deployment, with Kubernetes' defaults.
///
/// Sources: kube-controller-manager flags `--horizontal-pod-autoscaler-sync-period` (15 s),
/// `--horizontal-pod-autoscaler-tolerance` (0.1), `--horizontal-pod-autoscaler-downscale-stabilization`
/// (5 min); the default `behavior` of pkg/apis/autoscaling/v2/defaults.go (scale up: no
/// stabilisation, at most max(+100 %, +4 pods) per 15 s; scale down: at most −100 % per 15 s);
/// `minReplicas` defaults to 1 (API reference `HorizontalPodAutoscalerSpec`).
public struct AutoscalerSettings: Sendable, Equatable {
    /// The Deployment it scales (by workload name).
    public var workload: String
    public var minReplicas = 1
    public var maxReplicas: Int
    /// The metric's target: requests per second per pod (`target.type: AverageValue` on a Pods metric).
    public var targetRequestsPerPod: Double
    public var syncPeriod: SimDuration = .seconds(15)
    public var tolerance = 0.1
    public var scaleDownStabilization: SimDuration = .seconds(300)
    public var scaleUpStabilization: SimDuration = .zero
    /// The request rate the Service receives from users the simulation does not model one by one,
    /// piecewise constant: from each `at`, `requestsPerSecond` (0 before the first).
    public var load: [(at: SimDuration, requestsPerSecond: Double)] = []

    public init(workload: String, maxReplicas: Int, targetRequestsPerPod: Double) {
        self.workload = workload
        self.maxReplicas = maxReplicas
        self.targetRequestsPerPod = targetRequestsPerPod
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.workload == b.workload && a.minReplicas == b.minReplicas && a.maxReplicas == b.maxReplicas
            && a.targetRequestsPerPod == b.targetRequestsPerPod && a.syncPeriod == b.syncPeriod
            && a.tolerance == b.tolerance && a.scaleDownStabilization == b.scaleDownStabilization
            && a.scaleUpStabilization == b.scaleUpStabilization
            && a.load.map(\.at) == b.load.map(\.at) && a.load.map(\.requestsPerSecond) == b.load.map(\.requestsPerSecond)
    }

    /// The users' request rate at `time` since the start.
    public func requestsPerSecond(at time: SimDuration) -> Double {
        load.last { $0.at <= time }?.requestsPerSecond ?? 0
    }
}

/// The autoscaler's decision at each sync, as kube-controller-manager computes it
/// (pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler`, replica_calculator.go
/// `calcPlainMetricReplicas`). Pure: the orchestrator feeds it the pods it counts.
public struct Autoscaler: Sendable, Equatable {
    public let settings: AutoscalerSettings
    /// Unstabilised recommendations with their times (horizontal.go `recommendations`).
    private var recommendations: [(time: SimTime, replicas: Int)] = []

    public init(_ settings: AutoscalerSettings) {
        precondition(settings.minReplicas >= 1 && settings.maxReplicas >= settings.minReplicas, "1 ≤ min ≤ max replicas")
        precondition(settings.targetRequestsPerPod > 0 && settings.tolerance >= 0, "a positive target")
        self.settings = settings
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.settings == b.settings && a.recommendations.map(\.time) == b.recommendations.map(\.time)
            && a.recommendations.map(\.replicas) == b.recommendations.map(\.replicas)
    }

    /// The metric's replica count (`calcPlainMetricReplicas`, `groupPods`): the usage per pod that
    /// reports the metric (`reporting`: the Ready pods, which serve the load) against the target;
    /// within the tolerance nothing changes. Running pods that report nothing yet (`missing`) count
    /// as using nothing when scaling up and as exactly on target when scaling down; Pending pods
    /// (`unready`) count as using nothing when scaling up and are ignored otherwise. The change is
    /// dropped if those pods turn its direction or bring it within the tolerance.
    public func metricReplicas(current: Int, load: Double, reporting: Int, unready: Int, missing: Int) -> Int {
        guard reporting > 0 else { return current }  // no metrics: the controller does not scale
        let target = settings.targetRequestsPerPod
        let ratio = load / Double(reporting) / target
        let scaleUpWithUnready = unready > 0 && ratio > 1
        if !scaleUpWithUnready && missing == 0 {
            if abs(ratio - 1) <= settings.tolerance { return current }
            return Int((ratio * Double(reporting)).rounded(.up))
        }
        var total = load, count = reporting + missing
        if ratio < 1 { total += Double(missing) * target }
        if scaleUpWithUnready { count += unready }
        let newRatio = total / Double(count) / target
        if abs(newRatio - 1) <= settings.tolerance || (ratio < 1) != (newRatio < 1) { return current }
        let replicas = Int((newRatio * Double(count)).rounded(.up))
        if (newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current) { return current }
        return replicas
    }

    /// One sync: the desired replica count, stabilised (`stabilizeRecommendationWithBehaviors`:
    /// scale down only to the highest recommendation of the last 300 s), limited by the scaling
    /// policies (`convertDesiredReplicasWithBehaviorRate`) and clamped to [min, max].
    public mutating func sync(at now: SimTime, current: Int, reporting: Int, unready: Int, missing: Int) -> Int {
        let load = settings.requestsPerSecond(at: now - .zero)
        let desired = metricReplicas(current: current, load: load, reporting: reporting, unready: unready, missing: missing)
        // `maybeInitScaleDownStabilizationWindow`: a new autoscaler remembers the current count.
        if recommendations.isEmpty { recommendations.append((now, current)) }
        var up = desired, down = desired
        for r in recommendations {
            if r.time > now - settings.scaleUpStabilization { up = min(up, r.replicas) }
            if r.time > now - settings.scaleDownStabilization { down = max(down, r.replicas) }
        }
        let keep = max(settings.scaleUpStabilization, settings.scaleDownStabilization)
        recommendations.removeAll { $0.time <= now - keep }
        recommendations.append((now, desired))
        var replicas = min(max(current, up), down)
        replicas = min(replicas, max(current * 2, current + 4))  // scale-up policies, selectPolicy Max
        return min(max(replicas, settings.minReplicas), settings.maxReplicas)
    }
}
