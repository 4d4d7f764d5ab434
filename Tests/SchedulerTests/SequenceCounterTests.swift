import Coordination
import Simulation
import Testing
@testable import Scheduler

/// Asks for `count` cluster-unique numbers at once when its session opens.
final class SequenceClient: Process {
    let coordination: ZooKeeperCoordination
    let count: Int
    var values: [Int64] = []
    var failures = 0
    var asked = false

    init(servers: [HostID], member: String, count: Int) {
        coordination = ZooKeeperCoordination(servers: servers, owner: member, sessionTimeout: .seconds(6))
        self.count = count
    }

    func start(_ context: ProcessContext) { handle(coordination.start(context), context) }
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = coordination.receive(message, from: peer, context) { handle(events, context) }
    }
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = coordination.timerFired(timer, tag: tag, context) { handle(events, context) }
    }
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = coordination.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    func handle(_ events: [CoordinationEvent], _ context: ProcessContext) {
        for event in events {
            switch event {
            case .sessionEstablished where !asked:
                asked = true
                for request in 1...count { handle(coordination.nextSequence(requestId: Int64(request), context), context) }
            case .sequenceAllocated(_, let value): values.append(value)
            case .requestFailed: failures += 1
            default: break
            }
        }
    }
}

/// `nextSequence` is Oozie's ZKUUIDService counter: one znode incremented by compare-and-set.
@Suite struct SequenceCounterTests {
    /// Two servers ask for three numbers each at the same moment: the losers of each round retry,
    /// every number from 1 to 6 is handed out exactly once, and the tree holds one counter node.
    @Test func contendedRequestsGetEveryNumberOnceFromOneNode() {
        let sim = Simulator(seed: 5)
        let zab = ZabConfig(servers: (0..<3).map { HostID($0) })
        let zk = (0..<3).map { i in sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: zab) }) }
        let a = sim.addHost("a") { _ in SequenceClient(servers: zk, member: "a", count: 3) }
        let b = sim.addHost("b") { _ in SequenceClient(servers: zk, member: "b", count: 3) }
        sim.run(until: .zero + .seconds(30))
        let (clientA, clientB) = (sim.process(of: a) as! SequenceClient, sim.process(of: b) as! SequenceClient)
        #expect(clientA.failures == 0 && clientB.failures == 0)
        #expect((clientA.values + clientB.values).sorted() == [1, 2, 3, 4, 5, 6])
        let tree = (sim.process(of: zk[0]) as! ZabServer).tree
        #expect(tree.node("/oozie/job_id_sequence")?.data == "6")
        #expect(tree.node("/oozie")?.children.sorted() == ["job_id_sequence"])
    }
}
