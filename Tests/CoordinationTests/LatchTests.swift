import Coordination
import Simulation
import Testing

@Suite struct LatchTests {
    @Test func lowestNodeLeadsAndSuccessorTakesOverOnClose() {
        let zk = Ensemble(size: 3, seed: 21)
        let latches = LatchChecker()
        zk.sim.addObserver(latches)
        let store = zk.sim.addHost("store") { _ in FencedStore() }
        let a = zk.sim.addHost("a") { _ in LatchParticipant(servers: zk.servers, id: "a", store: store) }
        zk.sim.run(for: .seconds(3))
        let b = zk.sim.addHost("b") { _ in LatchParticipant(servers: zk.servers, id: "b", store: store) }
        zk.sim.run(for: .seconds(5))
        let pa = zk.sim.process(of: a) as! LatchParticipant
        let pb = zk.sim.process(of: b) as! LatchParticipant
        #expect(pa.latch.isLeader)
        #expect(!pb.latch.isLeader)
        zk.sim.crash(a)  // its session expires after the timeout; b's watch on a's node fires
        zk.sim.run(for: .seconds(15))
        #expect(pb.latch.isLeader)
        #expect(pb.latch.token! > pa.latch.token!)
        #expect(latches.acquisitions.map(\.participant) == ["a", "b"])
        #expect(latches.isClean, "\(latches.violations)")
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func pausedHolderIsFencedByHigherToken() {
        let zk = Ensemble(size: 3, seed: 23)
        let latches = LatchChecker()
        zk.sim.addObserver(latches)
        let storeHost = zk.sim.addHost("store") { _ in FencedStore() }
        let a = zk.sim.addHost("a") { _ in LatchParticipant(servers: zk.servers, id: "a", store: storeHost) }
        zk.sim.run(for: .seconds(3))
        let b = zk.sim.addHost("b") { _ in LatchParticipant(servers: zk.servers, id: "b", store: storeHost) }
        zk.sim.run(for: .seconds(5))
        let pa = zk.sim.process(of: a) as! LatchParticipant
        let pb = zk.sim.process(of: b) as! LatchParticipant
        let oldToken = pa.latch.token!
        #expect(pa.latch.isLeader)
        zk.sim.pause(a)  // a GC pause far past the 4 s session timeout
        zk.sim.run(for: .seconds(20))
        #expect(pb.latch.isLeader)
        let newToken = pb.latch.token!
        #expect(newToken > oldToken)
        zk.sim.resume(a)
        zk.sim.run(for: .seconds(10))
        let store = zk.sim.process(of: storeHost) as! FencedStore
        // The woken holder still believed it led and wrote with its old token: the store said no.
        let stale = store.history.filter { $0.from == a && $0.token == oldToken && !$0.accepted }
        #expect(!stale.isEmpty)
        #expect(store.history.filter { $0.from == b }.allSatisfy { $0.accepted })
        #expect(store.highestToken == newToken)
        #expect(pa.states.contains(.expired))
        #expect(!pa.latch.isLeader)
        #expect(latches.isClean, "\(latches.violations)")
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }
}
