import Scheduler
import Simulation
import Testing

/// Oozie's housekeeping on load-balanced servers: every server schedules PurgeService (hourly, first
/// after 10 s), ShareLibService's purge (daily) and SchemaCheckerService (weekly, at once); only the
/// holder of the `concurrencyleader` latch does the work (`JobsConcurrencyService.isLeader`).
@Suite struct HousekeepingTests {
    func runs(_ cluster: ZooKeeperCluster, _ service: HousekeepingService) -> [(time: Int, server: Int)] {
        cluster.log.entries.compactMap { entry in
            guard (entry.observation as? SchedulerObservation) == .housekeeping(service),
                let server = cluster.servers.firstIndex(of: entry.host)
            else { return nil }
            return (Int(entry.time.seconds), server)
        }
    }

    @Test func onlyTheLatchHolderPurgesAndASurvivorTakesOverAfterTheSessionExpires() throws {
        let cluster = try ZooKeeperCluster(mode: .loadBalanced, servers: 2, script: [])
        cluster.sim.run(until: .zero + .seconds(4000))
        let leaders = cluster.servers.indices.filter { cluster.server($0).isHousekeepingLeader }
        try #require(leaders.count == 1, "one concurrencyleader")
        let holder = leaders[0]
        #expect(runs(cluster, .purge).map(\.time) == [10, 3610], "hourly, from 10 s")
        #expect(runs(cluster, .purge).allSatisfy { $0.server == holder }, "only on the latch holder")
        #expect(runs(cluster, .shareLibPurge).map(\.time) == [10])
        #expect(runs(cluster, .schemaCheck).isEmpty, "its first run at start finds no leader yet")
        #expect(cluster.servers.indices.allSatisfy { cluster.server($0).isScheduling }, "both schedule all along")

        // Killed: its session (40 s, last touched by a ping at most 10 s before) expires 30–43 s later.
        let crashedAt = cluster.sim.now
        cluster.sim.crash(cluster.servers[holder])
        var takeover: Double?
        for _ in 0..<100 where takeover == nil {
            cluster.sim.run(for: .milliseconds(500))
            if cluster.server(1 - holder).isHousekeepingLeader { takeover = (cluster.sim.now - crashedAt).seconds }
        }
        let seconds = try #require(takeover, "the survivor leads")
        #expect((30...43.5).contains(seconds), "the survivor leads \(seconds) s after the kill")
        cluster.sim.run(until: .zero + .seconds(7300))
        #expect(runs(cluster, .purge).map(\.time) == [10, 3610, 7210])
        #expect(runs(cluster, .purge).last?.server == 1 - holder)
        #expect(cluster.checker.violations.isEmpty)
    }
}
