import Simulation

/// The kubelet's restart back-off for one container (CrashLoopBackOff).
///
/// Source: pkg/kubelet/kuberuntime/kuberuntime_manager.go `doBackOff` and
/// k8s.io/client-go/util/flowcontrol/backoff.go. A container that exited at `finishedAt` is "in
/// back-off" while `now − finishedAt < backoff`; once out, `Next` sets the window to the initial
/// 10 s (first time, or when `finishedAt − lastUpdate > 2 × max`: a container that ran 10 minutes
/// starts over) or doubles it up to 300 s (pkg/kubelet/kubelet.go `backOffPeriod`,
/// `MaxContainerBackOff`), and stamps `lastUpdate = now`. So the first crash restarts at once, the
/// second waits 10 s, the third 20 s, then 40, 80, 160, 300, 300 …
///
/// Simplification: the kubelet notices the end of the window at its next pod sync (a few seconds
/// later); here the restart starts exactly when the window ends.
public struct ContainerBackoff: Sendable, Equatable {
    public let initial: SimDuration
    public let maximum: SimDuration
    /// The current window; nil before the first restart (no entry in the kubelet's map).
    public private(set) var window: SimDuration?
    private var lastUpdate = SimTime.zero

    public init(initial: SimDuration = .seconds(10), maximum: SimDuration = .seconds(300)) {
        precondition(initial > .zero && maximum >= initial, "back-off needs 0 < initial ≤ maximum")
        self.initial = initial
        self.maximum = maximum
    }

    private func expired(_ finishedAt: SimTime) -> Bool { finishedAt - lastUpdate > maximum * 2 }

    /// When the kubelet may restart a container that exited at `finishedAt`.
    public func restartTime(finishedAt: SimTime) -> SimTime {
        guard let window, !expired(finishedAt) else { return finishedAt }
        return finishedAt + window
    }

    /// The kubelet restarts the container now (flowcontrol `Next(key, finishedAt)`).
    public mutating func restarted(finishedAt: SimTime, at now: SimTime) {
        precondition(now >= restartTime(finishedAt: finishedAt), "restarted inside the back-off window")
        if let window, !expired(finishedAt) {
            self.window = min(window * 2, maximum)
        } else {
            window = initial
        }
        lastUpdate = now
    }

    /// Forgets the history (a rebooted node's kubelet keeps its back-off map in memory only).
    public mutating func reset() { window = nil }
}
