import Scheduler
import Simulation
import Testing

@Suite struct AvailabilityProbeTests {
    @Test func probeSeesTheFailoverGapInActiveStandby() throws {
        let cluster = try ClusterHarness(mode: .activeStandby, servers: 2, script: [])
        let servers = cluster.servers
        let probe = cluster.sim.addHost("probe", process: { _ in
            AvailabilityProbe(target: .servers(servers), request: .submit(app: "etl-fork-decision"), interval: .seconds(10))
        })
        cluster.sim.run(until: .zero + .seconds(195))
        cluster.sim.crash(servers[0])
        cluster.sim.run(until: .zero + .seconds(605))
        let results = cluster.log.all(ProbeObservation.self)
        #expect(results.count == 60)
        // The probe at 200 s hits the dead leader and times out; by 210 s the standby leads.
        #expect(results.map(\.success) == Array(repeating: true, count: 19) + [false] + Array(repeating: true, count: 40))
        #expect(results[19].latency == nil)
        let p = cluster.sim.process(of: probe) as! AvailabilityProbe
        #expect(p.successes == 59 && p.failures == 1)
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func probeThroughTheBalancerMeasuresInfoRequests() throws {
        let cluster = try ClusterHarness(mode: .loadBalanced, servers: 2, withBalancer: true, script: [])
        let balancer = cluster.balancer!
        _ = cluster.sim.addHost("probe", process: { _ in
            AvailabilityProbe(target: .balancer(balancer), request: .info(app: "etl-fork-decision"), interval: .seconds(10))
        })
        cluster.sim.run(until: .zero + .seconds(100))
        cluster.sim.crash(cluster.store)
        cluster.sim.run(until: .zero + .seconds(150))
        cluster.sim.restart(cluster.store)
        cluster.sim.run(until: .zero + .seconds(205))
        let results = cluster.log.all(ProbeObservation.self).map(\.success)
        // Up for 9 probes; the database is down for the probes at 100–140 s; the one at 150 s reaches
        // the store just after its restart.
        #expect(results == Array(repeating: true, count: 9) + Array(repeating: false, count: 5) + Array(repeating: true, count: 6))
    }

    @Test func theBalancerItselfCanFail() throws {
        let cluster = try ClusterHarness(mode: .loadBalanced, servers: 2, withBalancer: true, script: [])
        let balancer = cluster.balancer!
        _ = cluster.sim.addHost("probe", process: { _ in
            AvailabilityProbe(target: .balancer(balancer), request: .info(app: "etl-fork-decision"), interval: .seconds(10))
        })
        cluster.sim.run(until: .zero + .seconds(95))
        cluster.sim.crash(balancer)
        cluster.sim.run(until: .zero + .seconds(135))
        cluster.sim.restart(balancer)
        cluster.sim.run(until: .zero + .seconds(205))
        let results = cluster.log.all(ProbeObservation.self)
        // Probes at 100–130 s find no balancer (refused, then timed out); the restarted balancer
        // presumes its backends healthy and serves at once.
        #expect(results.map(\.success) == Array(repeating: true, count: 9) + Array(repeating: false, count: 4) + Array(repeating: true, count: 7))
        #expect(results[9..<13].allSatisfy { $0.latency == nil })
    }
}
