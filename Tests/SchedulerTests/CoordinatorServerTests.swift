import Scheduler
import Simulation
import Testing

@Suite struct CoordinatorServerTests {
    let spec = CoordinatorSpec(
        name: "every-10m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(35),
        frequency: .minutes(10), concurrency: 1, timeout: nil)
    let coordinator = "0000001-oozie-C"

    func run(crashLeaderAt crash: SimDuration?) throws -> ClusterHarness {
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2, coordinators: [spec],
            script: [(.seconds(1), .server(0), .submitCoordinator(app: "every-10m"))])
        if let crash {
            cluster.sim.run(until: .zero + crash)
            cluster.sim.crash(cluster.servers[0])
        }
        cluster.sim.run(until: .zero + .minutes(60))
        return cluster
    }

    @Test func coordinatorRunsOneWorkflowPerNominalTime() throws {
        let cluster = try run(crashLeaderAt: nil)
        #expect(cluster.replies.map(\.result) == [.coordinator(id: coordinator, status: .running)])
        let stored = try #require(cluster.storedCoordinator(coordinator))
        #expect(stored.status == .succeeded)
        #expect(stored.actions.map(\.number) == [1, 2, 3])
        #expect(stored.actions.map(\.nominalNanoseconds) == [5, 15, 25].map { (SimTime.zero + .minutes($0)).nanoseconds })
        let workflows = cluster.storedWorkflows()
        #expect(workflows.map(\.id) == ["0000001-oozie-C-1-W", "0000001-oozie-C-2-W", "0000001-oozie-C-3-W"])
        #expect(workflows.map(\.status) == [.succeeded, .succeeded, .succeeded])
        #expect(cluster.workStarted.count == 15)
        #expect(Set(cluster.workStarted).count == 15)
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func coordinatorSurvivesLeaderCrashWithEachNominalTimeOnce() throws {
        // The leader dies at 16 min, while the second nominal time's workflow runs.
        let cluster = try run(crashLeaderAt: .minutes(16))
        let stored = try #require(cluster.storedCoordinator(coordinator))
        #expect(stored.status == .succeeded)
        #expect(stored.actions.map(\.number) == [1, 2, 3])
        #expect(cluster.storedWorkflows().map(\.status) == [.succeeded, .succeeded, .succeeded])
        #expect(cluster.workStarted.count == 15, "no action of any workflow ran twice")
        #expect(Set(cluster.workStarted).count == 15)
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func consumerCoordinatorWaitsForTheProducersDataset() throws {
        let clean = Dataset(name: "clean", frequency: .minutes(10), initialInstance: .zero + .minutes(5))
        let raw = Dataset(name: "raw", frequency: .minutes(10), initialInstance: .zero + .minutes(5))
        let producer = CoordinatorSpec(
            name: "producer", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(25),
            frequency: .minutes(10), timeout: nil, inputs: [DataInput(dataset: raw)], outputs: [DataOutput(dataset: clean)])
        let consumer = CoordinatorSpec(
            name: "consumer", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(25),
            frequency: .minutes(10), timeout: nil, inputs: [DataInput(dataset: clean)])
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 2, coordinators: [producer, consumer],
            script: [
                (.seconds(1), .server(0), .submitCoordinator(app: "producer")),
                (.seconds(2), .server(1), .submitCoordinator(app: "consumer")),
                // An external source delivers the raw data at 7 and 16 minutes.
                (.minutes(7), .server(1), .publishDataset(DatasetInstance(dataset: "raw", time: .zero + .minutes(5)))),
                (.minutes(16), .server(0), .publishDataset(DatasetInstance(dataset: "raw", time: .zero + .minutes(15)))),
            ])
        cluster.sim.run(until: .zero + .minutes(60))
        #expect(cluster.replies.map(\.result) == [
            .coordinator(id: "0000001-oozie-C", status: .running), .coordinator(id: "0000002-oozie-C", status: .running),
            .accepted, .accepted,
        ])
        #expect(cluster.storedCoordinator("0000001-oozie-C")?.status == .succeeded)
        #expect(cluster.storedCoordinator("0000002-oozie-C")?.status == .succeeded)
        // Each consumer run starts after the producer run of the same nominal time produced its input.
        let first = Dictionary(grouping: cluster.log.entries.compactMap { entry -> (String, SimTime)? in
            guard case .workStarted(let id)? = entry.observation as? ComputeObservation else { return nil }
            return (String(id.split(separator: "@")[0]), entry.time)
        }, by: \.0).mapValues { $0.map(\.1).min()! }
        #expect(first.keys.sorted() == [
            "0000001-oozie-C-1-W", "0000001-oozie-C-2-W", "0000002-oozie-C-1-W", "0000002-oozie-C-2-W",
        ])
        #expect(first["0000002-oozie-C-1-W"]! > first["0000001-oozie-C-1-W"]! + .minutes(3))
        #expect(first["0000002-oozie-C-2-W"]! > first["0000001-oozie-C-2-W"]! + .minutes(3))
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.checker.unfinishedJobs.isEmpty)
    }

    @Test func bundleSuspendsResumesAndKillsItsCoordinatorsTogether() throws {
        let quarter = CoordinatorSpec(
            name: "every-15m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(60),
            frequency: .minutes(15), timeout: nil)
        let bundle = "0000001-oozie-B"
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 2, coordinators: [spec, quarter], bundles: ["nightly": ["every-10m", "every-15m"]],
            script: [
                (.seconds(1), .server(0), .submitBundle(app: "nightly")),
                (.minutes(8), .server(1), .info(jobId: bundle)),
                (.minutes(9), .server(1), .suspend(jobId: bundle)),
                (.minutes(10), .server(0), .info(jobId: bundle)),
                (.minutes(20), .server(0), .resume(jobId: bundle)),
                (.minutes(22), .server(1), .kill(jobId: bundle)),
                (.minutes(30), .server(1), .info(jobId: bundle)),
            ])
        cluster.sim.run(until: .zero + .minutes(40))
        #expect(cluster.replies.map(\.result) == [
            .bundle(id: bundle, status: .running, coordinators: [.running, .running]),
            .bundle(id: bundle, status: .running, coordinators: [.running, .running]),
            .accepted,
            .bundle(id: bundle, status: .suspended, coordinators: [.suspended, .suspended]),
            .accepted, .accepted,
            .bundle(id: bundle, status: .killed, coordinators: [.killed, .killed]),
        ])
        let first = try #require(cluster.storedCoordinator("0000001-oozie-B-1-C"))
        // Nominal times 5, 15 and 25 min, all materialized at submission (Oozie's one-hour window);
        // the one at 15 min started late, on resume at 20 min; the one at 25 min was killed waiting.
        #expect(first.actions.map(\.nominalNanoseconds) == [5, 15, 25].map { (SimTime.zero + .minutes($0)).nanoseconds })
        #expect(first.actions.map(\.status) == [.succeeded, .killed, .killed])
        let workflows = cluster.storedWorkflows()
        #expect(workflows.map(\.id) == [
            "0000001-oozie-B-1-C-1-W", "0000001-oozie-B-1-C-2-W", "0000001-oozie-B-2-C-1-W", "0000001-oozie-B-2-C-2-W",
        ])
        // The 5-minute runs finished before the suspension; the runs started at resume were killed with the bundle.
        #expect(workflows.map(\.status) == [.succeeded, .killed, .succeeded, .killed])
        #expect(cluster.checker.violations.isEmpty)
    }
}
