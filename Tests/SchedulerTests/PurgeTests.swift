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

    /// Oozie's defaults: workflows after 30 days, coordinators and bundles 7 days after their last change.
    @Test func defaultsAreOozies() {
        let purge = PurgeSettings()
        #expect(purge.interval == .seconds(3_600) && purge.limit == 100)
        #expect(purge.workflowsOlderThan == .days(30))
        #expect(purge.coordinatorsOlderThan == .days(7) && purge.bundlesOlderThan == .days(7))
    }

    let every10m = CoordinatorSpec(
        name: "every-10m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(35),
        frequency: .minutes(10), concurrency: 1, timeout: nil)

    /// A coordinator finished at about 31 min goes with its three workflows once it is older than
    /// `coord.older.than` and its last workflow older than `older.than`; the checkers forget it.
    @Test func aFinishedCoordinatorGoesWithItsWorkflows() throws {
        var purge = PurgeSettings()
        purge.interval = .minutes(5)
        purge.workflowsOlderThan = .minutes(40)
        purge.coordinatorsOlderThan = .minutes(10)
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2, coordinators: [every10m], purge: purge,
            script: [(.seconds(1), .server(0), .submitCoordinator(app: "every-10m"))])
        cluster.sim.run(until: .zero + .minutes(66))
        // Coordinator old enough (ended ≈ 31 min), but its last workflow (ended ≈ 31 min) not yet 40 min old.
        #expect(cluster.storedCoordinator("0000001-oozie-C")?.status == .succeeded)
        #expect(cluster.storedWorkflows().count == 3)
        cluster.sim.run(until: .zero + .minutes(76))
        #expect(cluster.storedCoordinator("0000001-oozie-C") == nil)
        #expect(cluster.storedWorkflows().isEmpty)
        #expect(cluster.checker.acknowledged.isEmpty && cluster.checker.finished.isEmpty && cluster.checker.starts.isEmpty)
        #expect(cluster.checker.violations.isEmpty)
    }

    /// A killed bundle goes with its coordinators and their workflows.
    @Test func aFinishedBundleGoesWithItsCoordinators() throws {
        var purge = PurgeSettings()
        purge.interval = .minutes(5)
        purge.workflowsOlderThan = .minutes(10)
        purge.coordinatorsOlderThan = .minutes(10)
        purge.bundlesOlderThan = .minutes(10)
        let bundle = "0000001-oozie-B"
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2, coordinators: [every10m], bundles: ["nightly": ["every-10m"]], purge: purge,
            script: [(.seconds(1), .server(0), .submitBundle(app: "nightly")), (.minutes(22), .server(0), .kill(jobId: bundle))])
        cluster.sim.run(until: .zero + .minutes(30))
        let disk = cluster.sim.durable(of: cluster.store) as! JobStoreDisk
        #expect(disk.state.read(["bundle/" + bundle, "coord/" + bundle + "-1-C"]).count == 2)
        cluster.sim.run(until: .zero + .minutes(50))
        #expect(disk.state.read(["bundle/" + bundle, "coord/" + bundle + "-1-C"]).isEmpty)
        #expect(cluster.storedWorkflows().isEmpty)
        #expect(cluster.checker.acknowledged.isEmpty)
        #expect(cluster.checker.violations.isEmpty)
    }
}
