import Scheduler
import Simulation

/// Counts the probe's results and turns runs of failed probes into outages: what a monitoring
/// system polling the service would see (the service's own state is ``ServiceSignal``'s).
final class ProbeTracker: Observer {
    private(set) var successes = 0
    private(set) var failures = 0
    private var failingSince: SimTime?
    private var measuring = false
    var timeline: [TimelineEntry]?

    init(keepTimeline: Bool) { timeline = keepTimeline ? [] : nil }

    /// Counts the probes answered from now on (after the warm-up).
    func startMeasuring() {
        measuring = true
        successes = 0
        failures = 0
    }

    var observedTypes: [any Observation.Type]? { [ProbeObservation.self] }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard let probe = observation as? ProbeObservation else { return }
        if probe.success {
            if measuring { successes += 1 }
            if failingSince != nil {
                timeline?.append(TimelineEntry(time: time, event: "probe_outage_end", subject: "probe"))
                failingSince = nil
            }
        } else {
            if measuring { failures += 1 }
            if failingSince == nil {
                failingSince = time
                timeline?.append(TimelineEntry(time: time, event: "probe_outage_start", subject: "probe"))
            }
        }
    }

    /// Whether the latest probe failed (monitoring sees an outage).
    var isFailing: Bool { failingSince != nil }

    var availability: Double {
        let total = successes + failures
        return total == 0 ? 0 : Double(successes) / Double(total)
    }
}
