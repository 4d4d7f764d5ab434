import Coordination
import Scheduler
import Simulation
import Testing
@testable import Scenarios

/// The cluster's failover phases and coverage, from hand-built observation sequences and from a
/// scripted leader crash.
@Suite struct FailoverTrackerTests {
    static let oozie1 = HostID(3), oozie2 = HostID(4), zk = HostID(0), lb = HostID(7), probe = HostID(8)

    static func at(_ seconds: Double) -> SimTime { .zero + SimDuration(seconds: seconds) }

    static func acquired(_ participant: String, token: Int64) -> LatchObservation {
        .acquired(path: "/oozie/leader", participant: participant, token: Zxid(raw: token))
    }

    static func closed(_ participant: String) -> ZabObservation {
        .sessionClosed(7, ephemerals: ["/oozie/members/\(participant)", "/oozie/leader/latch-\(participant)-0000000001"])
    }

    static func tracker() -> FailoverTracker {
        let tracker = FailoverTracker(candidates: [oozie1, oozie2])
        tracker.startMeasuring()
        tracker.observe(acquired("oozie1", token: 1), host: oozie1, at: at(10))
        return tracker
    }

    /// Crash at 100 s, session closed at 111.5 s, latch taken at 111.75 s, the balancer routes to
    /// the new holder at 115 s: detection 11.5 s, election 0.25 s, switchover 3.25 s, failover 15 s,
    /// covered. Probe answers and other backends' health do not end it.
    @Test func aCoveredFailoverSplitsIntoExactPhases() {
        let tracker = Self.tracker()
        tracker.observe(ProbeObservation(success: true, latency: .seconds(1)), host: Self.probe, at: Self.at(90))
        tracker.observe(HostEvent.crashed, host: Self.oozie1, at: Self.at(100))
        tracker.observe(ProbeObservation(success: false, latency: nil), host: Self.probe, at: Self.at(105))
        tracker.observe(Self.closed("oozie2"), host: Self.zk, at: Self.at(108))  // someone else's session: not detection
        tracker.observe(Self.closed("oozie1"), host: Self.zk, at: Self.at(111.5))
        tracker.observe(Self.closed("oozie1"), host: HostID(1), at: Self.at(111.6))  // the other servers apply it later
        tracker.observe(Self.acquired("oozie2", token: 9), host: Self.oozie2, at: Self.at(111.75))
        tracker.observe(ProbeObservation(success: true, latency: .seconds(1)), host: Self.probe, at: Self.at(112))
        tracker.observe(BalancerObservation(backend: Self.oozie1, healthy: true), host: Self.lb, at: Self.at(113))
        tracker.observe(BalancerObservation(backend: Self.oozie2, healthy: true), host: Self.lb, at: Self.at(115))
        tracker.observe(BalancerObservation(backend: Self.oozie2, healthy: true), host: Self.lb, at: Self.at(125))
        #expect(tracker.phases.detectionSeconds == [11.5])
        #expect(tracker.phases.electionSeconds == [0.25])
        #expect(tracker.phases.switchoverSeconds == [3.25])
        #expect(tracker.failovers == [15])
        #expect(tracker.phases.covered == 1 && tracker.phases.uncovered == 0)
        #expect(tracker.leaderships == 2)
    }

    /// A pause shorter than the session timeout: nobody notices, the holder wakes and keeps the
    /// latch. Uncovered, with no phase sample.
    @Test func aHolderThatComesBackFirstIsUncovered() {
        let tracker = Self.tracker()
        tracker.observe(HostEvent.paused, host: Self.oozie1, at: Self.at(100))
        tracker.observe(ProbeObservation(success: false, latency: nil), host: Self.probe, at: Self.at(104))
        tracker.observe(HostEvent.resumed, host: Self.oozie1, at: Self.at(106))
        tracker.observe(Self.acquired("oozie1", token: 1), host: Self.oozie1, at: Self.at(106.5))
        tracker.observe(ProbeObservation(success: true, latency: .seconds(1)), host: Self.probe, at: Self.at(110))
        #expect(tracker.phases.covered == 0 && tracker.phases.uncovered == 1)
        #expect(tracker.phases.detectionSeconds.isEmpty && tracker.phases.electionSeconds.isEmpty)
        #expect(tracker.phases.switchoverSeconds.isEmpty && tracker.failovers.isEmpty)
    }

    /// The holder's session expires but the standby is frozen; the holder restarts before anyone
    /// takes over. The detection is measured, the loss is uncovered.
    @Test func detectedButNotTakenOverIsUncovered() {
        let tracker = Self.tracker()
        tracker.observe(HostEvent.crashed, host: Self.oozie1, at: Self.at(100))
        tracker.observe(Self.closed("oozie1"), host: Self.zk, at: Self.at(110))
        tracker.observe(HostEvent.restarted, host: Self.oozie1, at: Self.at(200))
        tracker.observe(Self.acquired("oozie2", token: 9), host: Self.oozie2, at: Self.at(201))
        tracker.observe(ProbeObservation(success: true, latency: .seconds(1)), host: Self.probe, at: Self.at(205))
        #expect(tracker.phases.detectionSeconds == [10])
        #expect(tracker.phases.covered == 0 && tracker.phases.uncovered == 1)
        #expect(tracker.phases.electionSeconds.isEmpty && tracker.failovers.isEmpty)
    }

    /// A new holder the balancer already routes to is serving at once: switchover 0.
    @Test func aNewHolderAlreadyHealthyServesAtOnce() {
        let tracker = Self.tracker()
        tracker.observe(BalancerObservation(backend: Self.oozie2, healthy: true), host: Self.lb, at: Self.at(50))
        tracker.observe(HostEvent.crashed, host: Self.oozie1, at: Self.at(100))
        tracker.observe(Self.closed("oozie1"), host: Self.zk, at: Self.at(110))
        tracker.observe(Self.acquired("oozie2", token: 9), host: Self.oozie2, at: Self.at(110.5))
        #expect(tracker.phases.switchoverSeconds == [0])
        #expect(tracker.failovers == [10.5])
    }

    /// The holder dies while the other server is already down: a double failure, not a trial.
    @Test func aLossWithNoStandbyUpIsNotACoverageTrial() {
        let tracker = Self.tracker()
        tracker.observe(HostEvent.crashed, host: Self.oozie2, at: Self.at(50))
        tracker.observe(HostEvent.crashed, host: Self.oozie1, at: Self.at(100))
        tracker.observe(HostEvent.restarted, host: Self.oozie1, at: Self.at(200))
        #expect(tracker.phases == FailoverPhases())
    }

    /// A crash of the leader: it asked for Oozie's 300 s session, the ensemble granted 40 s (20 ×
    /// the 2 s tick) and expires it in 2 s buckets, so detection lies between 40 s less a ping
    /// interval (40/3 s: the last contact may be that old) and 40 s plus a tick and the half tick a
    /// follower takes to relay a ping; the standby's watch fires at once (election well under a
    /// second). Switchover is what users wait for after that: the balancer marks the new leader
    /// healthy after `rise` = 2 checks 2 s apart, the first up to one silent check (2 s timeout +
    /// 2 s inter) away: more than one check interval, at most three.
    @Test func aScriptedLeaderCrashIsDetectedAfterTheSessionTimeout() throws {
        let s = try ClusterReplicationTests.scenario(mode: "active-standby",
            faults: #"[{"at": "20m", "action": "crash", "host": "oozie1"}, {"at": "40m", "action": "restart", "host": "oozie1"}]"#)
        let outcome = ReplicationRunner(scenario: s, jobs: 1).replicate(0)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(outcome.phases.covered == 1 && outcome.phases.uncovered == 0, "\(outcome.phases)")
        let detection = try #require(outcome.phases.detectionSeconds.first)
        let election = try #require(outcome.phases.electionSeconds.first)
        let switchover = try #require(outcome.phases.switchoverSeconds.first)
        #expect(detection >= 40 - 40.0 / 3 && detection <= 43.05, "detection \(detection) s")
        #expect(election < 1, "election \(election) s")
        #expect(switchover > 2 && switchover <= 6, "switchover \(switchover) s")
        #expect(outcome.failoverSeconds.count == 1)
        #expect(abs(outcome.failoverSeconds[0] - (detection + election + switchover)) < 1e-9)
    }
}
