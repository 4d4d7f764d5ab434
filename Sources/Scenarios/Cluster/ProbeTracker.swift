import Scheduler
import Simulation

/// Counts the probe's results and turns runs of failed probes into outages.
final class ProbeTracker: Observer {
    private(set) var successes = 0
    private(set) var failures = 0
    /// Durations of outages (from the first failed probe of a run of failures to the next success), seconds.
    private(set) var outages: [Double] = []
    /// The same outages as intervals `[first failed probe, next success)`, clipped to the measured window.
    private(set) var outageIntervals: [Range<SimTime>] = []
    private var failingSince: SimTime?
    private var measuring = false
    private var measureFrom = SimTime.zero
    var timeline: [TimelineEntry]?

    init(keepTimeline: Bool) { timeline = keepTimeline ? [] : nil }

    /// Counts from `time` on; an outage under way counts from `time`, as every kind clips outages
    /// to the measured window.
    func startMeasuring(at time: SimTime) {
        measuring = true
        measureFrom = time
        successes = 0
        failures = 0
        outages = []
        outageIntervals = []
    }

    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard let probe = observation as? ProbeObservation else { return }
        if probe.success {
            if measuring { successes += 1 }
            if let start = failingSince {
                if measuring {
                    outages.append((time - max(start, measureFrom)).seconds)
                    outageIntervals.append(max(start, measureFrom)..<time)
                }
                timeline?.append(TimelineEntry(time: time, event: "outage_end", subject: "service"))
                failingSince = nil
            }
        } else {
            if measuring { failures += 1 }
            if failingSince == nil {
                failingSince = time
                timeline?.append(TimelineEntry(time: time, event: "outage_start", subject: "service"))
            }
        }
    }

    /// The outage intervals with the one still open at `end` (if any) closed there.
    func outageIntervals(until end: SimTime) -> [Range<SimTime>] {
        guard measuring, let start = failingSince, end > max(start, measureFrom) else { return outageIntervals }
        return outageIntervals + [max(start, measureFrom)..<end]
    }

    /// Whether the latest probe failed (an outage is under way).
    var isFailing: Bool { failingSince != nil }

    var availability: Double {
        let total = successes + failures
        return total == 0 ? 0 : Double(successes) / Double(total)
    }
}
