import Scheduler
import Simulation
import Testing

/// Oozie's RecoveryService re-drives a coordinator action only once it is older than
/// `oozie.service.RecoveryService.coord.older.than` (600 s), checking every `interval` (60 s)
/// (`service/RecoveryService.java`, `runCoordActionRecovery`).
@Suite struct CoordinatorRecoveryTests {
    let spec = CoordinatorSpec(
        name: "every-30m", workflow: "etl-fork-decision", start: .zero + .minutes(5), end: .zero + .minutes(35),
        frequency: .minutes(30), concurrency: 1, timeout: nil)
    let coordinator = "0000001-oozie-C"

    /// Server 0 (where it was submitted and materialized) checks the action's inputs at its nominal
    /// time and writes it SUBMITTED, then dies
    /// before it creates the action's workflow (it freezes after sending the write, and its machine
    /// goes dark). Server 1's recovery, once the dead server's session has expired, submits the
    /// workflow between 600 s and 600 s + one 60 s recovery interval after that write.
    @Test func anActionStuckWithItsDeadServerIsRecoveredAfterSixHundredSeconds() throws {
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 2, coordinators: [spec],
            script: [(.seconds(1), .server(0), .submitCoordinator(app: "every-30m"))])
        cluster.sim.run(until: .zero + .minutes(5) - .seconds(1))
        #expect(cluster.storedCoordinator(coordinator)?.actions.map(\.status) == [.waiting], "materialized ahead at submission")
        let server = cluster.servers[0]
        cluster.sim.pauseOnSend(server, SendTrigger(to: cluster.store, kind: StoreRequest.Kinds.transact))
        cluster.sim.run(until: .zero + .minutes(5) + .seconds(1))
        #expect(cluster.sim.status(of: server) == .paused, "frozen right after writing the materialized action")
        cluster.sim.crash(server, mode: .host)
        let written = try #require(cluster.storedCoordinator(coordinator))
        #expect(written.actions.map(\.status) == [.submitted], "the action is SUBMITTED, its workflow never created")
        #expect(cluster.storedWorkflows().isEmpty)
        let writtenAt = SimTime.zero + .minutes(5)

        cluster.sim.run(until: .zero + .minutes(25))
        let created = cluster.log.entries.first {
            if case .acknowledged(let id)? = $0.observation as? SchedulerObservation { id == "0000001-oozie-C-1-W" } else { false }
        }
        let recoveredAt = try #require(created?.time, "the recovery service created the workflow")
        #expect(created?.host == cluster.servers[1])
        let delay = (recoveredAt - writtenAt).seconds
        // 600 s of coord.older.than, then the next of server 1's 60 s recovery runs (plus the store's latency).
        #expect((600.0...661.0).contains(delay), "recovered \(delay) s after the write")
        #expect(cluster.checker.violations.isEmpty)
    }

    /// The same action, with a server that keeps running: its own wake-up submits the workflow at
    /// once, so recovery has nothing to do (the 600 s is a floor for stuck actions only).
    @Test func aHealthyServerSubmitsAtTheNominalTime() throws {
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 2, coordinators: [spec],
            script: [(.seconds(1), .server(0), .submitCoordinator(app: "every-30m"))])
        cluster.sim.run(until: .zero + .minutes(6))
        let created = cluster.log.entries.first {
            if case .acknowledged(let id)? = $0.observation as? SchedulerObservation { id == "0000001-oozie-C-1-W" } else { false }
        }
        let delay = try #require(created?.time).seconds - (SimTime.zero + .minutes(5)).seconds
        #expect((0.0...1.0).contains(delay), "submitted \(delay) s after the nominal time")
    }
}
