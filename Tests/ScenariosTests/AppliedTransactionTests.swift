import Coordination
import Simulation
import Testing
@testable import Scenarios

/// The cluster's trackers skip the applied-transaction observation (a restarted or re-syncing
/// server re-applies its log after its latest snapshot, one observation per transaction, which
/// made the cost of a simulated day grow with the time since the last snapshot). These tests
/// show that skipping it loses nothing.
@Suite struct AppliedTransactionTests {
    /// Samples the state recorder again after every applied transaction, as it did before it
    /// skipped them: if any input of the recorded state could change without an observation of
    /// its own, one of these samples would record a new state.
    final class ResampleOnApplied: Observer {
        var rig: ClusterReplication.Rig?
        var sampled = 0
        var recorded = 0

        func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
            guard observation is ZabApplied, let states = rig?.states else { return }
            let before = states.changes.last!
            states.sample(at: time)
            let after = states.changes.last!
            sampled += 1
            if before.time != after.time || before.state != after.state { recorded += 1 }
        }
    }

    /// Six hours of an active-standby cluster with accelerated failures of every part and a
    /// partition that cuts a ZooKeeper server and a scheduler off: thousands of applied
    /// transactions (replays included), none of which changes the recorded state.
    @Test func anAppliedTransactionChangesNoRecordedState() throws {
        let scenario = try LongRunBoundsTests.sixHours(
            mode: "active-standby", seed: 5, zookeeper: (ttf: "1h", ttr: "5m"),
            faults: #"""
                [{"at": "2h", "action": "partition", "hosts": ["zk1", "oozie1"]}, {"at": "140m", "action": "heal"}]
                """#)
        guard case .cluster(let spec) = scenario.system else { preconditionFailure("a cluster scenario") }
        let resample = ResampleOnApplied()
        let outcome = ClusterReplication.run(
            spec, scenario: scenario, index: 0, seed: 5, keepTimeline: false, observer: resample,
            inspect: { rig in if resample.rig == nil { resample.rig = rig } })
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(outcome.outages.count >= 3, "failures happened: \(outcome.outages.count) outages")
        #expect(resample.sampled > 5_000, "applied transactions seen: \(resample.sampled)")
        #expect(
            resample.recorded == 0,
            "\(resample.recorded) of \(resample.sampled) samples after an applied transaction recorded a state")
    }

    /// The serving leader is the up server that established the newest epoch (the first such
    /// server when two share it); none while that server is down.
    @Test func theServingLeaderIsTheUpServerOfTheNewestEpoch() {
        let tracker = LeaderTracker(servers: 3, keepTimeline: false)
        let at = SimTime.zero + .seconds(1)
        #expect(tracker.servingLeader == nil)
        tracker.observe(ZabObservation.established(epoch: 3), host: HostID(1), at: at)
        #expect(tracker.servingLeader == 1)
        tracker.observe(ZabObservation.established(epoch: 2), host: HostID(2), at: at)
        #expect(tracker.servingLeader == 1)
        tracker.observe(ZabObservation.established(epoch: 3), host: HostID(0), at: at)
        #expect(tracker.servingLeader == 0)
        tracker.observe(ZabObservation.established(epoch: 4), host: HostID(2), at: at)
        #expect(tracker.servingLeader == 2)
        tracker.observe(HostEvent.paused, host: HostID(2), at: at)
        #expect(tracker.servingLeader == nil)
        #expect(!tracker.serviceUp)
        tracker.observe(HostEvent.crashed, host: HostID(2), at: at)
        #expect(tracker.servingLeader == 0)
    }
}
