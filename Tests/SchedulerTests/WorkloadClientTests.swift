import Scheduler
import Simulation
import Testing

@Suite struct WorkloadClientTests {
    let tenMinutes = CoordinatorSpec(
        name: "every-10m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(35),
        frequency: .minutes(10), timeout: nil)
    let quarter = CoordinatorSpec(
        name: "every-15m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(50),
        frequency: .minutes(15), timeout: nil)

    func cluster(_ mode: HAMode, settings: WorkloadClient.Settings = WorkloadClient.Settings()) throws -> (ClusterHarness, WorkloadClient) {
        let cluster = try ClusterHarness(
            mode: mode, servers: 2, withBalancer: true, coordinators: [tenMinutes, quarter],
            bundles: ["pair": ["every-10m", "every-15m"]], script: [])
        let client = WorkloadClient(
            balancer: cluster.balancer!,
            submissions: [.init(kind: .coordinator, app: "every-10m"), .init(kind: .bundle, app: "pair")], settings: settings)
        _ = cluster.sim.addHost("workload", process: { _ in client })
        return (cluster, client)
    }

    @Test func submitsThroughTheBalancerAndFollowsToTheEnd() throws {
        let (cluster, client) = try cluster(.loadBalanced)
        cluster.sim.run(until: .zero + .minutes(80))
        #expect(client.jobs == ["0000001-oozie-C", "0000002-oozie-B"])
        #expect(client.statuses == [.succeeded, .succeeded])
        let seen = cluster.log.all(WorkloadObservation.self)
        let accepted = seen.compactMap { if case .accepted(let app, _, let attempts, let latency) = $0 { (app, attempts, latency) } else { nil } }
        // The bundle is answered as soon as its row is written, the coordinator after its first command commits.
        #expect(accepted.map(\.0) == ["pair", "every-10m"])
        #expect(accepted.allSatisfy { $0.1 == 1 && $0.2 < .seconds(1) }, "\(accepted)")
        // Followed every 5 minutes until both are over.
        let statuses = seen.compactMap { if case .status(let app, _, let status) = $0 { "\(app) \(status.rawValue)" } else { nil } }
        #expect(statuses == ["pair RUNNING", "every-10m RUNNING", "every-10m SUCCEEDED", "pair SUCCEEDED"])
        let finished = cluster.log.entries.filter {
            if case .status(_, _, .succeeded)? = $0.observation as? WorkloadObservation { true } else { false }
        }.map(\.time)
        // The last nominal times are 25 and 35 min (50 is the second one's end, excluded); their workflows
        // run under 5 minutes, so the rounds at 30 and 40 min see each coordinator over.
        #expect(finished.count == 2)
        #expect(finished[0] > .zero + .minutes(30) && finished[0] < .zero + .minutes(30) + .seconds(1), "\(finished)")
        #expect(finished[1] > .zero + .minutes(40) && finished[1] < .zero + .minutes(40) + .seconds(1), "\(finished)")
        #expect(cluster.storedCoordinator("0000002-oozie-B-1-C")?.actions.count == 3)
        #expect(cluster.storedCoordinator("0000002-oozie-B-2-C")?.actions.count == 3)
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func retriesWithBackoffUntilALeaderAccepts() throws {
        // The balancer spreads the two submits over both servers; the standby answers "not the leader",
        // and the retry 5 s later goes to the leader.
        let (cluster, client) = try cluster(.activeStandby)
        cluster.sim.run(until: .zero + .minutes(2))
        let seen = cluster.log.all(WorkloadObservation.self)
        let failures = seen.compactMap { if case .submitFailed(let app, let attempt, let wait) = $0 { "\(app) \(attempt) \(wait)" } else { nil } }
        #expect(failures == ["pair 1 5s"], "\(seen)")
        #expect(client.jobs == ["0000001-oozie-C", "0000002-oozie-B"])
        let accepted = seen.compactMap { if case .accepted(let app, _, let attempts, let latency) = $0 { (app, attempts, latency) } else { nil } }
        #expect(accepted.map(\.0) == ["every-10m", "pair"])
        #expect(accepted.map(\.1) == [1, 2])
        #expect(accepted[1].2 > .seconds(5) && accepted[1].2 < .seconds(6), "the retry waited the backoff")
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func aSlowReplyRetriedTooSoonCreatesADuplicateThatTheClientReports() throws {
        // Oozie's submit is not idempotent: a retry sent before the first reply arrives is a second job.
        var settings = WorkloadClient.Settings()
        settings.requestTimeout = .milliseconds(1)
        settings.retryBackoff = .milliseconds(1)
        settings.maxBackoff = .milliseconds(1)
        let (cluster, client) = try cluster(.loadBalanced, settings: settings)
        cluster.sim.run(until: .zero + .minutes(1))
        let seen = cluster.log.all(WorkloadObservation.self)
        let failed = seen.filter { if case .submitFailed(app: "every-10m", _, _) = $0 { true } else { false } }.count
        let duplicates = seen.compactMap { if case .duplicate(app: "every-10m", let id) = $0 { id } else { nil } }
        let created = cluster.checker.acknowledged.keys.filter { $0.hasSuffix("-C") && !$0.contains("-B-") }.sorted()
        // Every send created a coordinator: each failed one, and the last unless the first reply cancelled its retry.
        #expect(failed >= 2)
        #expect(created.count == failed || created.count == failed + 1, "\(created)")
        #expect(duplicates.sorted() == created.filter { $0 != client.jobs[0] }, "all but the adopted one are reported")
        #expect(cluster.checker.violations.isEmpty)
    }
}
