import Scheduler
import Simulation
import Testing

/// Oozie's PurgeService: the leader deletes finished workflows older than `older.than`, a batch of
/// `purge.limit` at a time, and the checkers forget them.
@Suite struct PurgeTests {
    let submit = SchedulerOperation.submit(app: "etl-fork-decision", variables: [:], start: true)

    @Test func finishedWorkflowsOlderThanTheLimitGoInBatches() throws {
        var purge = PurgeSettings()
        purge.interval = .minutes(5)
        purge.workflowsOlderThan = .minutes(10)
        purge.limit = 2
        let early = (1...5).map { (SimDuration.seconds(Int64($0)), ClusterHarness.Target.server(0), submit) }
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2, purge: purge, script: early + [(.minutes(25), .server(0), submit)])
        cluster.sim.run(until: .zero + .minutes(31))
        // The five early jobs ended about 5 min in and were purged at the 20 min run; the late one,
        // finished at 28 min, stays.
        #expect(cluster.storedWorkflows().map(\.id) == ["0000006-oozie-W"])
        #expect(cluster.checker.acknowledged.keys.sorted() == ["0000006-oozie-W"])
        #expect(cluster.checker.finished.keys.sorted() == ["0000006-oozie-W"])
        #expect(cluster.checker.starts.keys.allSatisfy { $0.hasPrefix("0000006-oozie-W@") })
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func theStandbyDoesNotPurge() throws {
        var purge = PurgeSettings()
        purge.interval = .minutes(5)
        purge.workflowsOlderThan = .minutes(10)
        let cluster = try ClusterHarness(mode: .activeStandby, servers: 2, purge: purge, script: [(.seconds(1), .server(0), submit)])
        cluster.sim.run(until: .zero + .minutes(3))
        cluster.sim.crash(cluster.servers[0])
        cluster.sim.run(until: .zero + .minutes(31))
        #expect(cluster.storedWorkflows().isEmpty, "the new leader purges")
        #expect(cluster.checker.violations.isEmpty)
    }
}
