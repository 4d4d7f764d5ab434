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
        // Writes every 50 ms, pings every 2.33 s (10 s session): on waking, the holder's write
        // timer fires before its client notices the silence, as an application thread can.
        let a = zk.sim.addHost("a") { _ in
            LatchParticipant(servers: zk.servers, id: "a", store: storeHost, timeout: .seconds(10), writeInterval: .milliseconds(50))
        }
        zk.sim.run(for: .seconds(3))
        let b = zk.sim.addHost("b") { _ in LatchParticipant(servers: zk.servers, id: "b", store: storeHost) }
        zk.sim.run(for: .milliseconds(5300))
        let pa = zk.sim.process(of: a) as! LatchParticipant
        let pb = zk.sim.process(of: b) as! LatchParticipant
        let oldToken = pa.latch.token!
        #expect(pa.latch.isLeader)
        zk.sim.pause(a)  // a GC pause far past the 10 s session timeout
        zk.sim.run(for: .seconds(30))
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

    /// Ancestors are created only when missing (Curator's creatingParentsIfNeeded): the first
    /// participant's create fails with noNode and creates /election and /election/scheduler; the
    /// second joins with its one create, and no create of an existing node is ordered as an error.
    @Test func parentsAreCreatedOnlyWhenMissing() throws {
        let zk = Ensemble(size: 3, seed: 21)
        let store = zk.sim.addHost("store") { _ in FencedStore() }
        _ = zk.sim.addHost("a") { _ in LatchParticipant(servers: zk.servers, id: "a", store: store) }
        zk.sim.run(for: .seconds(3))
        _ = zk.sim.addHost("b") { _ in LatchParticipant(servers: zk.servers, id: "b", store: store) }
        zk.sim.run(for: .seconds(5))
        let log = try #require(zk.sim.durable(of: zk.servers[0]) as? ZabDisk).log.entries.map(\.body)
        let creates = log.compactMap { if case .create(let path, _, _) = $0 { path } else { nil } }
        #expect(creates.map { $0.hasPrefix("/election/scheduler/latch-") ? "latch" : $0 }
            == ["/election", "/election/scheduler", "latch", "latch"])
        #expect(log.filter { $0 == .error(.noNode) }.count == 1, "a's first try")
        #expect(!log.contains(.error(.nodeExists)))
    }
}

