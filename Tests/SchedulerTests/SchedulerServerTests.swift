import Scheduler
import Simulation
import Testing

@Suite struct SchedulerServerTests {
    let job = "0000001-oozie-W"
    let expectedLaunches = [
        "0000001-oozie-W@prepare@1", "0000001-oozie-W@extract-a@1", "0000001-oozie-W@extract-b@1",
        "0000001-oozie-W@extract-c@1", "0000001-oozie-W@full-load@1",
    ]
    let submit = SchedulerOperation.submit(app: "etl-fork-decision", variables: [:], start: true)

    @Test func leaderRunsAWorkflowToSuccess() throws {
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2,
            script: [(.seconds(1), .server(0), submit), (.seconds(2), .server(1), submit), (.seconds(400), .server(1), .info(jobId: job))])
        cluster.sim.run(until: .zero + .seconds(500))
        #expect(cluster.replies.map(\.result) == [
            .job(id: job, status: .prep), .error("server server-2 is not the leader"), .job(id: job, status: .succeeded),
        ])
        #expect(cluster.workStarted == expectedLaunches)
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.checker.violations.isEmpty)
        // The finished job left the active index, so recovery never reads it again.
        let disk = cluster.sim.durable(of: cluster.store) as! JobStoreDisk
        #expect(disk.state.scan(prefix: "active/").isEmpty)
        #expect(disk.state.scan(prefix: "wf/").map(\.key) == ["wf/\(job)"])
    }

    @Test func standbyFinishesTheWorkflowAfterTheLeaderCrashes() throws {
        let cluster = try ClusterHarness(mode: .activeStandby, servers: 2, script: [(.seconds(1), .server(0), submit)])
        cluster.sim.run(until: .zero + .seconds(90))
        #expect(cluster.storedJob(job)?.actions.map(\.status) == [.ok, .running, .running, .running])
        cluster.sim.crash(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(600))
        #expect(cluster.server(1).isScheduling)
        #expect(cluster.finishedBy == [cluster.servers[1]], "the standby finished the job")
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches, "no action ran twice")
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func loadBalancedServersRecoverACrashedServersJobs() throws {
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 3, withBalancer: true, script: [(.seconds(1), .balancer, submit)])
        cluster.sim.run(until: .zero + .seconds(90))
        let launcher = cluster.servers.firstIndex { h in
            cluster.log.entries.contains { $0.host == h && ($0.observation as? SchedulerObservation) == .acknowledged(jobId: job) }
        }!
        cluster.sim.crash(cluster.servers[launcher])
        cluster.sim.run(until: .zero + .seconds(900))
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches)
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.replies.map(\.result) == [.job(id: job, status: .prep)])
        let finisher = cluster.finishedBy
        #expect(finisher.count == 1 && finisher[0] != cluster.servers[launcher], "another server recovered the job")
        // Oozie's worst case for a workflow action: session timeout + recovery interval + older-than.
        #expect(cluster.finishedAt[0] > .zero + .seconds(90 + 10 + 120))
    }

    @Test func databaseOutageFailsTheAPIButLosesNoJob() throws {
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2,
            script: [
                (.seconds(1), .server(0), submit), (.seconds(100), .server(0), .info(jobId: job)),
                (.seconds(101), .server(0), submit), (.seconds(600), .server(0), .info(jobId: job)),
            ])
        cluster.sim.run(until: .zero + .seconds(90))
        cluster.sim.crash(cluster.store)
        cluster.sim.run(until: .zero + .seconds(300))
        cluster.sim.restart(cluster.store)
        cluster.sim.run(until: .zero + .seconds(700))
        let results = cluster.replies.map(\.result)
        #expect(results.first == .job(id: job, status: .prep))
        #expect(results.dropFirst().prefix(2) == [.error("job store unavailable"), .error("job store unavailable")])
        #expect(results.last == .job(id: job, status: .succeeded))
        #expect(cluster.workStarted == expectedLaunches)
        #expect(cluster.checker.lostSubmissions(stored: Set(cluster.storedWorkflows().map(\.id))).isEmpty)
        #expect(cluster.checker.unfinishedJobs.isEmpty)
    }

    /// The leader pauses past its session; the standby takes over and writes with a newer token; the
    /// old leader wakes, still believes it leads for a moment, and serves a held request.
    func pausedLeader(fencing: Bool) throws -> ClusterHarness {
        let cluster = try ClusterHarness(
            mode: .activeStandby, servers: 2, fencing: fencing,
            script: [(.seconds(1), .server(0), submit), (.seconds(150), .server(0), .suspend(jobId: job))])
        cluster.sim.run(until: .zero + .seconds(70))
        cluster.sim.pause(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(170))
        #expect(cluster.server(1).isScheduling, "the standby took over")
        cluster.sim.resume(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(600))
        #expect(!cluster.server(0).isScheduling || cluster.hub.leader == "server-1")
        return cluster
    }

    @Test func pausedLeaderWithFencingLandsNoStaleWrite() throws {
        let cluster = try pausedLeader(fencing: true)
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.replies.map(\.result).last == .error("fenced off: a newer owner holds job \(job)"))
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches)
    }

    @Test func pausedLeaderWithoutFencingIsReportedAsSplitBrain() throws {
        let cluster = try pausedLeader(fencing: false)
        #expect(cluster.checker.violations.map(\.message) == [
            "stale write landed: token 1 < token 2 in scope leader (keys wf/\(job))"
        ])
        #expect(cluster.replies.map(\.result).last == .job(id: job, status: .suspended))
    }

    /// Load-balanced mode as Oozie runs it (blind updates under the ZooKeeper lock): a server pauses
    /// mid-command, holding a job's lock; its session expires, another server's recovery takes the
    /// job over under a new lock; the paused one wakes and finishes its command with the old lock.
    func pausedLoadBalancedServer(fencing: Bool) throws -> ClusterHarness {
        let cluster = try ClusterHarness(
            mode: .loadBalanced, servers: 2, fencing: fencing, versionChecks: false, script: [(.seconds(1), .server(0), submit)])
        cluster.sim.run(until: .zero + .seconds(60))
        var steps = 0
        while cluster.server(0).busyJobs.isEmpty && steps < 100_000 {
            steps += 1
            cluster.sim.run(for: .microseconds(100))
        }
        #expect(cluster.server(0).busyJobs == [job], "paused while processing the first completion")
        cluster.sim.pause(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(250))
        #expect(cluster.storedJob(job)?.actions.map(\.name).contains("extract-a") == true, "server-2 took the job over")
        cluster.sim.resume(cluster.servers[0])
        cluster.sim.run(until: .zero + .seconds(900))
        return cluster
    }

    @Test func pausedServerWithPerJobLockFencingLandsNoStaleWrite() throws {
        let cluster = try pausedLoadBalancedServer(fencing: true)
        #expect(cluster.checker.violations.isEmpty)
        #expect(cluster.storedJob(job)?.status == .succeeded)
        #expect(cluster.workStarted == expectedLaunches)
    }

    @Test func pausedServerWithoutFencingOverwritesItsSuccessor() throws {
        let cluster = try pausedLoadBalancedServer(fencing: false)
        // The stale write rolls the job back to what the paused server saw: finished actions go back
        // to PREP and a later one vanishes — the lost update Oozie is exposed to without fencing.
        #expect(cluster.checker.violations.map(\.message) == [
            "job \(job): action extract-a illegal transition OK → PREP",
            "job \(job): action extract-b illegal transition OK → PREP",
            "job \(job): action extract-c illegal transition OK → PREP",
            "job \(job): action full-load disappeared",
            // (Tokens count every lock and latch: the materialization trigger's and concurrencyleader's too.)
            "stale write landed: token 6 < token 16 in scope \(job) (keys wf/\(job))",
        ])
    }
}
