import Coordination
import Simulation
import Testing

@Suite struct ElectionTests {
    @Test(arguments: [3, 5, 7])
    func coldStartElectsOneLeader(size: Int) {
        let zk = Ensemble(size: size, seed: 42)
        #expect(zk.runUntilStable(limit: .seconds(30)))
        zk.sim.run(for: .seconds(10))
        #expect(zk.establishedLeaders.count == 1)
        let leader = zk.leader!
        // Votes order by (epoch, zxid, id): on an empty ensemble the highest id wins.
        #expect(leader == zk.servers.last!)
        for s in zk.servers where s != leader {
            #expect(zk.server(s).state == .following)
            #expect(zk.server(s).leaderID == leader)
            #expect(zk.server(s).isServing)
        }
        #expect(zk.server(leader).currentEpoch == 1)
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }
}
