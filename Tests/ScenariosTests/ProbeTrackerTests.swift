import Scheduler
import Simulation
import Testing
@testable import Scenarios

@Suite struct ProbeTrackerTests {
    /// Monitoring's view: only probes answered after the warm-up count, and a run of failed
    /// probes is marked on the timeline from its first failure to the next success.
    @Test func countsMeasuredProbesAndMarksWhatMonitoringSees() {
        let tracker = ProbeTracker(keepTimeline: true)
        let (fail, ok) = (ProbeObservation(success: false, latency: nil), ProbeObservation(success: true, latency: .seconds(1)))
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(50))
        tracker.startMeasuring()
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(65))
        tracker.observe(ok, host: HostID(0), at: .zero + .seconds(70))
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(80))
        tracker.observe(ok, host: HostID(0), at: .zero + .seconds(83))
        #expect(tracker.availability == 0.5)
        #expect(tracker.timeline!.map(\.event) == ["probe_outage_start", "probe_outage_end", "probe_outage_start", "probe_outage_end"])
        #expect(tracker.timeline!.map(\.time.seconds) == [50, 70, 80, 83])
    }
}
