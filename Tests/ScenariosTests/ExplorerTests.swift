import Scheduler
import Simulation
import Testing
@testable import Scenarios

@Suite struct ExplorerTests {
    static let text = """
        {"name": "x", "kind": "ensemble", "seed": 9, "duration": "40m", "warm_up": "1m", "replications": 2,
         "ensemble": {"servers": 3, "probe": {"interval": "10s"}}}
        """

    @Test func aRunIsDeterministicAndTheSwarmHealsBeforeTheQuietTail() throws {
        let explorer = try Explorer(scenario: ScenarioLoader.parse(Self.text, file: "x.json"))
        let seed = explorer.seed(ofRun: 3)
        #expect(seed < 1 << 53)
        let schedule = explorer.schedule(seed: seed)
        #expect(schedule == explorer.schedule(seed: seed))
        #expect(schedule != explorer.schedule(seed: explorer.seed(ofRun: 4)))
        #expect(schedule.timeline.allSatisfy { $0.time <= .zero + .minutes(32) })
        #expect(schedule.timeline.last?.time == .zero + .minutes(32))
        let a = explorer.run(seed: seed, faults: schedule.timeline)
        #expect(a == explorer.run(seed: seed, faults: schedule.timeline))
        #expect(a.violations.isEmpty, "\(a.violations)")
    }

    /// The scenario written for a found violation replays exactly: the same faults, and
    /// replication 0 is the explored run.
    @Test func theWrittenScenarioReplaysTheScheduleExactly() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "x.json")
        let explorer = try Explorer(scenario: scenario)
        let seed = explorer.seed(ofRun: 1)
        let faults = explorer.schedule(seed: seed).timeline
        let written = explorer.scenarioJSON(seed: seed, faults: faults, source: try JSONParser.parse(Self.text).value)
        let replay = try ScenarioLoader.parse(written, file: "replay.json")
        #expect(replay.seed == seed)
        #expect(replay.expectations.violationExpected == false)
        #expect(try FaultPlan.timeline(replay.faults, hostNames: replay.system.hostNames) == faults)
        #expect(ReplicationRunner(scenario: replay, jobs: 1).replicate(0) == explorer.run(seed: seed, faults: faults))
    }

    @Test func componentsHaveNoHostsToExplore() throws {
        let components = """
            {"name": "c", "kind": "components", "seed": 1, "duration": "10d", "replications": 2,
             "components": {"count": 2, "failure": {"ttf": {"exponential": {"mean": "1d"}}, "ttr": {"exponential": {"mean": "1h"}}}}}
            """
        #expect(throws: ScenarioError.self) { try Explorer(scenario: ScenarioLoader.parse(components, file: "c.json")) }
    }

    static let cluster = """
        {"name": "c", "kind": "cluster", "seed": 4, "duration": "20m", "replications": 2,
         "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby"}}
        """

    /// Send-triggered pauses survive the trip to a scenario file and back, with and without a kind.
    @Test func pausesOnSendRoundTripThroughTheScenarioFile() throws {
        let explorer = try Explorer(scenario: ScenarioLoader.parse(Self.cluster, file: "c.json"))
        let (oozie1, db, zk2) = (HostID(3), HostID(5), HostID(1))
        let faults = [
            ScheduledFault(at: .zero + .seconds(90), .pauseOnSend(oozie1, SendTrigger(to: db, kind: StoreRequest.Kinds.read))),
            ScheduledFault(at: .zero + .seconds(95), .pauseOnSend(oozie1, SendTrigger(to: zk2))),
            ScheduledFault(at: .zero + .seconds(120), .resume(oozie1)),
        ]
        let written = explorer.scenarioJSON(seed: 7, faults: faults, source: try JSONParser.parse(Self.cluster).value)
        #expect(written.contains(#""on_send_to": "db""#) && written.contains(#""on_send_kind": "STORE_READ""#))
        let replay = try ScenarioLoader.parse(written, file: "replay.json")
        #expect(try FaultPlan.timeline(replay.faults, hostNames: replay.system.hostNames) == faults)
    }

    /// The cluster's send triggers: each scheduler's reads from the database, any message to the
    /// database, and any message to each ZooKeeper server.
    @Test func clusterSendTriggersAreTheSchedulersRequests() throws {
        let explorer = try Explorer(scenario: ScenarioLoader.parse(Self.cluster, file: "c.json"))
        let triggers = explorer.sendTriggers
        #expect(triggers.count == 2 * 5)
        #expect(Set(triggers.map(\.from)) == [HostID(3), HostID(4)])
        #expect(triggers.filter { $0.trigger == SendTrigger(to: HostID(5), kind: StoreRequest.Kinds.read) }.count == 2)
        let schedules = (0..<40).map { explorer.schedule(seed: explorer.seed(ofRun: $0)) }
        #expect(schedules.contains { $0.enabledKinds.contains(.pauseOnSend) })
        #expect(schedules.allSatisfy { schedule in
            schedule.timeline.allSatisfy { entry in
                guard case .pauseOnSend(let from, let trigger) = entry.fault else { return true }
                return triggers.contains { $0.from == from && $0.trigger == trigger }
            }
        })
    }
}
