import Scheduler
import Simulation
import Testing

/// Oozie's `CoordMaterializeTriggerService` on a real ensemble: every 300 s (first after 10 s) each
/// load-balanced server tries the cluster-wide ZooKeeper lock once; the holder materializes every
/// running coordinator one hour ahead (`materialization.window`) when its next nominal time is
/// within 300 s (`lookup.interval`).
@Suite struct MaterializationTriggerTests {
    /// Hourly from 5 min, submitted at 20 s (once the sessions are up): action 1 (5 min) is materialized at submission; action 2 (65 min) only by
    /// the trigger run at 3610 s, the first whose lookahead (300 s) reaches it.
    let hourly = CoordinatorSpec(
        name: "hourly", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(125),
        frequency: .minutes(60), concurrency: 1, timeout: nil)
    let coordinator = "0000001-oozie-C"

    func cluster() throws -> ZooKeeperCluster {
        try ZooKeeperCluster(
            mode: .loadBalanced, servers: 2, coordinators: [hourly],
            script: [(.seconds(20), 0, .submitCoordinator(app: "hourly"))])
    }

    func triggered(_ cluster: ZooKeeperCluster) -> [(time: SimTime, server: Int)] {
        cluster.log.entries.compactMap { entry in
            guard (entry.observation as? SchedulerObservation) == .materializationTriggered,
                let server = cluster.servers.firstIndex(of: entry.host)
            else { return nil }
            return (entry.time, server)
        }
    }

    func created(_ cluster: ZooKeeperCluster) -> [Double] {
        let disk = cluster.sim.durable(of: cluster.store) as! JobStoreDisk
        let stored = disk.state.read([JobRow.key(coordinator)]).first?.value.coordinator?.job
        return stored?.actions.map { SimTime(nanoseconds: $0.createdNanoseconds).seconds } ?? []
    }

    /// Both servers try at the same instants, once each: the lock makes their runs exclusive, and
    /// a server that finds it held skips its run. The lock is held only while the running
    /// coordinators are listed, so a try that comes after the release runs too (as in Oozie).
    @Test func theLockHolderRunsTheTriggerAndTheOtherSkips() throws {
        let cluster = try cluster()
        cluster.sim.run(until: .zero + .seconds(3700))
        let runs = triggered(cluster)
        let cycles = Array(stride(from: 10, through: 3610, by: 300))
        let perCycle = cycles.map { cycle in runs.count { Int($0.time.seconds.rounded(.down)) == cycle } }
        #expect(runs.count == perCycle.reduce(0, +), "runs only at the 300 s cycles, from 10 s")
        #expect(perCycle.allSatisfy { (1...2).contains($0) }, "every cycle runs, at most once per server: \(perCycle)")
        #expect(perCycle.count { $0 == 1 } >= cycles.count - 2, "mostly the other server skips: \(perCycle)")
        for cycle in cycles {
            let servers = runs.filter { Int($0.time.seconds.rounded(.down)) == cycle }
            if servers.count == 2 {
                #expect(servers[0].server != servers[1].server && servers[0].time < servers[1].time, "one after the other")
            }
        }
        let created = created(cluster)
        #expect(created.count == 2)
        #expect((20...21).contains(created[0]), "action 1 at submission")
        #expect((3610...3611).contains(created[1]), "action 2 by the 3610 s run, 290 s before its nominal time")
        #expect(cluster.checker.violations.isEmpty)
    }

    /// The holder of the 3610 s run freezes with the lock and its machine goes dark: the other
    /// server's run at 3610 s gave up at once, its session keeps the lock 40 s, so the next
    /// materialization is the other's run at 3910 s — 10 s after action 2's nominal time, which
    /// starts that late.
    @Test func aLostLockHolderDelaysMaterializationToTheNextRun() throws {
        let cluster = try cluster()
        cluster.sim.run(until: .zero + .seconds(3605))
        for server in cluster.servers { cluster.sim.pauseOnSend(server, SendTrigger(to: cluster.store, kind: StoreRequest.Kinds.scan)) }
        cluster.sim.run(until: .zero + .seconds(3611))
        let paused = cluster.servers.indices.filter { cluster.sim.status(of: cluster.servers[$0]) == .paused }
        try #require(paused.count == 1, "the holder froze listing the coordinators")
        let holder = paused[0]
        cluster.sim.resume(cluster.servers[1 - holder])  // disarms the other's pause
        cluster.sim.crash(cluster.servers[holder], mode: .host)
        cluster.sim.run(until: .zero + .seconds(4000))
        let created = created(cluster)
        #expect(created.count == 2)
        #expect((3910...3911).contains(created[1]), "action 2 materialized by the survivor's next run: \(created)")
        #expect(triggered(cluster).last.map { Int($0.time.seconds) } == 3910)
        #expect(triggered(cluster).last?.server == 1 - holder)
        let started = cluster.log.entries.first {
            if case .acknowledged(let id)? = $0.observation as? SchedulerObservation { id == "0000001-oozie-C-2-W" } else { false }
        }
        #expect(try #require(started).time.seconds >= 3910, "its workflow starts after the late materialization")
    }
}
