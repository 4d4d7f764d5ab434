@testable import Coordination
import Scheduler
import Simulation
import Testing

/// Oozie's defaults on a real ensemble (tickTime 2 s): servers ask for a 300 s session, which the
/// ensemble clamps to 20 × tickTime = 40 s; on LOST a server exits and its supervisor restarts it.
@Suite struct OozieSessionTests {
    let submit = SchedulerOperation.submit(app: "etl-fork-decision", variables: [:], start: true)

    func leaderAndStandby(seed: UInt64 = 1) throws -> (ZooKeeperCluster, leader: Int) {
        let cluster = try ZooKeeperCluster(mode: .activeStandby, servers: 2, seed: seed, script: [])
        cluster.sim.run(until: .zero + .seconds(30))
        let leader = try #require(cluster.schedulingServer, "exactly one server leads")
        return (cluster, leader)
    }

    func gained(_ cluster: ZooKeeperCluster, by server: Int) -> [SimTime] {
        cluster.log.entries.compactMap {
            guard $0.host == cluster.servers[server], case .acquired(let path, _, _)? = $0.observation as? LatchObservation,
                path == "/oozie/leader"
            else { return nil }
            return $0.time
        }
    }

    @Test func theEnsembleGrantsOoziesSessionTimeoutClampedToFortySeconds() throws {
        let (cluster, leader) = try leaderAndStandby()
        let client = try #require(cluster.adapters.byServer[leader]).client
        #expect(cluster.adapters.byServer[leader]?.sessionTimeout == .seconds(300), "asked: oozie.zookeeper.session.timeout")
        #expect(client.sessionTimeout == .seconds(40), "granted: maxSessionTimeout = 20 × tickTime")
    }

    /// The holder dies silently just after a ping reached its server (the session's last contact):
    /// the standby leads once the ensemble expires the session, 40 s later rounded up to the next
    /// tick (ZooKeeper's ExpiryQueue) plus up to half a tick when a follower relays the ping.
    @Test func aSilentHolderLosesTheLatchFortyToFortyThreeSecondsAfterLastContact() throws {
        for seed in UInt64(1)...UInt64(4) {
            let (cluster, leader) = try leaderAndStandby(seed: seed)
            let holder = cluster.servers[leader]
            let zkServer = try #require(cluster.adapters.byServer[leader]?.client.server)
            cluster.sim.pauseOnSend(holder, SendTrigger(to: zkServer, kind: ClientMessage.Kinds.ping))
            var steps = 0
            while cluster.sim.status(of: holder) != .paused && steps < 100_000 {
                steps += 1
                cluster.sim.run(for: .milliseconds(10))
            }
            let lastContact = cluster.sim.now
            cluster.sim.crash(holder, mode: .host)
            cluster.sim.run(for: .seconds(60))
            let taken = try #require(gained(cluster, by: 1 - leader).first, "seed \(seed): the standby leads")
            let seconds = (taken - lastContact).seconds
            #expect((40.0...43.05).contains(seconds), "seed \(seed): \(seconds) s after the last contact")
        }
    }

    /// A leader frozen past its session wakes, reconnects, hears Expired (Curator's LOST) and
    /// exits as Oozie's ZKConnectionListener does; its supervisor starts it again after its delay,
    /// and it rejoins as the standby.
    @Test func aServerExitsOnLostAndItsSupervisorRestartsItAfterTheDelay() throws {
        let (cluster, leader) = try leaderAndStandby()
        let host = cluster.servers[leader]
        cluster.sim.supervise(host, restartAfter: .seconds(30))
        cluster.sim.pause(host)
        cluster.sim.run(for: .seconds(60))
        #expect(cluster.schedulingServer == 1 - leader, "the standby took over")
        cluster.sim.resume(host)
        cluster.sim.run(for: .seconds(5))
        let crashes = cluster.log.entries.filter { $0.host == host && ($0.observation as? HostEvent) == .crashed }.map(\.time)
        #expect(crashes.count == 1, "it exited on LOST")
        #expect(cluster.sim.status(of: host) == .crashed)
        cluster.sim.run(for: .seconds(60))
        let restarts = cluster.log.entries.filter { $0.host == host && ($0.observation as? HostEvent) == .restarted }.map(\.time)
        #expect(restarts.count == 1 && restarts.first.map { $0 - crashes[0] } == .seconds(30), "restarted 30 s after the exit")
        #expect(cluster.sim.status(of: host) == .up && cluster.schedulingServer == 1 - leader, "back as the standby")
        #expect(cluster.adapters.byServer[leader]?.sessions == 1, "a fresh process with a fresh session")
        #expect(cluster.checker.violations.isEmpty)
    }

    @Test func withoutASupervisorAnExitedServerStaysDown() throws {
        let (cluster, leader) = try leaderAndStandby()
        let host = cluster.servers[leader]
        cluster.sim.pause(host)
        cluster.sim.run(for: .seconds(60))
        cluster.sim.resume(host)
        cluster.sim.run(for: .seconds(200))
        #expect(cluster.sim.status(of: host) == .crashed)
    }
}
