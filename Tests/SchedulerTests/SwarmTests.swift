import Scheduler
import Simulation
import Testing

/// Seeded random fault schedules against a small cluster: while faults last, safety must hold;
/// once they heal, every acknowledged submission must finish and none may be lost.
@Suite struct SwarmTests {
    /// One random run; returns a description of what went wrong (empty when all held).
    func run(seed: UInt64, mode: HAMode) throws -> [String] {
        var draw = RandomStream(seed: seed)
        let submissions = (0..<4).map { _ in SimDuration.seconds(Int64(1 + draw.nextInt(below: 600))) }
        let submit = SchedulerOperation.submit(app: "etl-fork-decision", variables: ["mode": "delta"], start: true)
        let script: [(after: SimDuration, to: ClusterHarness.Target, operation: SchedulerOperation)] =
            mode == .loadBalanced
            ? submissions.map { ($0, .balancer, submit) }
            : submissions.flatMap { t in (0..<3).map { (t, .server($0), submit) } }
        let cluster = try ClusterHarness(
            mode: mode, servers: 3, fencing: true, withBalancer: mode == .loadBalanced, seed: seed,
            profile: ComputeProfile(duration: .exponential(mean: 60), failureProbability: 0.2, transientShare: 0.8),
            script: script)
        var faults: [(at: SimDuration, act: (ClusterHarness) -> Void)] = []
        for _ in 0..<6 {
            let at = SimDuration.seconds(Int64(draw.nextInt(below: 900)))
            let length = SimDuration.seconds(Int64(5 + draw.nextInt(below: 90)))
            let victim = draw.nextInt(below: 4)
            let host = victim == 3 ? cluster.store : cluster.servers[victim]
            if draw.bernoulli(0.5) {
                faults.append((at, { $0.sim.crash(host) }))
                faults.append((at + length, { $0.sim.restart(host) }))
            } else {
                faults.append((at, { $0.sim.pause(host) }))
                faults.append((at + length, { $0.sim.resume(host) }))
            }
        }
        for fault in faults.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }) {
            cluster.sim.run(until: .zero + fault.element.at)
            fault.element.act(cluster)
        }
        cluster.sim.run(until: .zero + .seconds(1_000))
        for host in [cluster.store] + cluster.servers {
            cluster.sim.restart(host)
            cluster.sim.resume(host)
        }
        // The bound: session timeout + recovery interval + older-than + the work and a retry, with room.
        cluster.sim.run(until: .zero + .seconds(2_000))
        var problems = cluster.checker.violations.map(\.description)
        let stored = Set(cluster.storedWorkflows().map(\.id))
        problems += cluster.checker.lostSubmissions(stored: stored).map { "lost submission \($0)" }
        problems += cluster.checker.unfinishedJobs.map { "unfinished \($0)" }
        if cluster.checker.acknowledged.isEmpty { problems.append("no submission was acknowledged") }
        return problems
    }

    @Test(arguments: [HAMode.activeStandby, .loadBalanced])
    func randomFaultsKeepSafetyAndLiveness(mode: HAMode) throws {
        for seed in UInt64(1)...5 {
            let problems = try run(seed: seed, mode: mode)
            #expect(problems.isEmpty, "seed \(seed), \(mode.rawValue): \(problems)")
        }
    }

    @Test func sameSeedSameTrace() throws {
        func digest() throws -> UInt64 {
            let cluster = try ClusterHarness(
                mode: .loadBalanced, servers: 2, withBalancer: true, seed: 9,
                script: [(.seconds(1), .balancer, .submit(app: "etl-fork-decision", variables: [:], start: true))])
            cluster.sim.run(until: .zero + .seconds(100))
            cluster.sim.crash(cluster.servers[0])
            cluster.sim.run(until: .zero + .seconds(600))
            return cluster.sim.trace.digest
        }
        #expect(try digest() == digest())
    }
}
