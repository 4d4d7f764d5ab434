import Coordination
import Simulation
import Testing

@Suite struct HistoryTests {
    @Test(arguments: [UInt64(31), 32, 33])
    func contendedWritesAreLinearizableUnderFaults(seed: UInt64) {
        let zk = Ensemble(size: 3, seed: seed)
        let history = ClientHistory()
        zk.sim.addObserver(history)
        var counters: [HostID] = []
        for i in 0..<3 { counters.append(zk.sim.addHost("counter\(i)") { _ in CounterClient(servers: zk.servers) }) }
        var faults = zk.sim.stream("faults")
        for _ in 0..<12 {
            zk.sim.run(for: .seconds(3))
            let target = zk.servers[faults.nextInt(below: zk.servers.count)]
            switch faults.nextInt(below: 4) {
            case 0: zk.sim.crash(target)
            case 1: zk.sim.partition([[target], zk.servers.filter { $0 != target }])
            default:
                zk.sim.healAll()
                for s in zk.servers { zk.sim.restart(s) }
            }
        }
        zk.sim.healAll()
        for s in zk.servers { zk.sim.restart(s) }
        zk.sim.run(for: .seconds(30))
        let successes = counters.map { (zk.sim.process(of: $0) as! CounterClient).successes }.reduce(0, +)
        #expect(successes > 50)
        let writes = history.operations.filter { $0.op.isWrite }
        #expect(writes.count > successes)
        let verdicts = LinearizabilityChecker.check(history.operations)
        #expect(verdicts.isEmpty, "seed \(seed): \(verdicts)")
        #expect(history.violations.isEmpty, "\(history.violations)")
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
        // The final value counts every successful compare-and-set.
        let value = zk.server(zk.leader!).tree.node("/counter").map { Int($0.data) ?? -1 }
        #expect(value != nil && value! >= successes)
    }

    @Test func checkerRejectsTwoWinnersOfOneVersion() {
        let a = HostID(10)
        let b = HostID(11)
        let stat = Stat(czxid: .zero, mzxid: .zero, pzxid: .zero, version: 1)
        let ok = Result<Reply, ZKError>.success(.set(stat))
        let created = Result<Reply, ZKError>.success(.created(path: "/x", stat: Stat(czxid: .zero, mzxid: .zero, pzxid: .zero)))
        let ms = { (n: Int64) in SimTime(nanoseconds: n * 1_000_000) }
        let history = [
            HistoryOperation(client: a, request: RequestID(value: 1), op: .create(path: "/x", data: "", mode: .persistent), invokedAt: ms(0), returnedAt: ms(1), result: created),
            HistoryOperation(client: a, request: RequestID(value: 2), op: .setData(path: "/x", data: "a", version: 0), invokedAt: ms(2), returnedAt: ms(3), result: ok),
            HistoryOperation(client: b, request: RequestID(value: 1), op: .setData(path: "/x", data: "b", version: 0), invokedAt: ms(4), returnedAt: ms(5), result: ok),
        ]
        let verdicts = LinearizabilityChecker.check(history)
        #expect(verdicts.count == 1)
        guard case .violation(let path, let witness, let prefix)? = verdicts.first else {
            Issue.record("expected a violation")
            return
        }
        #expect(path == "/x")
        // Shrunk to the two compare-and-sets that both won version 0.
        #expect(witness.map(\.op) == [history[1].op, history[2].op])
        #expect(prefix.count == 2)
    }
}
