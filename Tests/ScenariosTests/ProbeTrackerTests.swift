import Scheduler
import Simulation
import Testing
@testable import Scenarios

@Suite struct ProbeTrackerTests {
    /// An outage under way when the warm-up ends counts from the end of the warm-up, as in the
    /// other kinds: 50 s → 70 s with measuring from 60 s is a 10 s outage; failures before 60 s
    /// do not count against availability.
    @Test func outagesAreClippedToTheMeasuredWindow() {
        let tracker = ProbeTracker(keepTimeline: false)
        let (fail, ok) = (ProbeObservation(success: false, latency: nil), ProbeObservation(success: true, latency: .seconds(1)))
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(50))
        tracker.startMeasuring(at: .zero + .seconds(60))
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(65))
        tracker.observe(ok, host: HostID(0), at: .zero + .seconds(70))
        tracker.observe(fail, host: HostID(0), at: .zero + .seconds(80))
        tracker.observe(ok, host: HostID(0), at: .zero + .seconds(83))
        #expect(tracker.outages == [10, 3])
        #expect(tracker.availability == 0.5)
    }
}
