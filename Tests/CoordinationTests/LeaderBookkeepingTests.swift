@testable import Coordination
@testable import Simulation
import Testing

/// The leader's per-server learner slots and its queue of outstanding proposals.
@Suite struct LeaderBookkeepingTests {
    static func zxid(_ counter: Int64, epoch: Int64 = 3) -> Zxid { Zxid(epoch: epoch, counter: counter) }

    /// `queue.acknowledge`, outside the `#expect` macro (which cannot mutate).
    func ack(_ queue: inout OutstandingProposals, _ zxid: Zxid, by position: Int) -> Bool {
        queue.acknowledge(zxid, by: position)
    }

    @Test func acknowledgementsLandOnTheirProposalAcrossCommitsAndCompaction() {
        var queue = OutstandingProposals()
        // Three proposals stay outstanding while 300 commit one by one, so the head moves far
        // and the storage compacts many times; each ACK must still reach its own zxid.
        for counter in Int64(1)...3 { queue.append(Self.zxid(counter), loggedBy: 0) }
        // Each round, server 2 acknowledges the proposal after the head and server 1 the head:
        // the head then carries the leader's, server 2's (from the round before) and server 1's.
        #expect(ack(&queue, Self.zxid(1), by: 2))
        for counter in Int64(1)...300 {
            #expect(queue.first?.zxid == Self.zxid(counter))
            #expect(queue.first?.acks == 2)
            #expect(ack(&queue, Self.zxid(counter + 1), by: 2))  // a later one, not the head
            #expect(queue.first?.acks == 2)
            #expect(ack(&queue, Self.zxid(counter), by: 1))
            #expect(queue.first?.acks == 3)
            queue.removeFirst()
            #expect(queue.first?.acks == 2)  // the later one kept its ACK through the pop
            queue.append(Self.zxid(counter + 3), loggedBy: 0)
            #expect(queue.count == 3)
        }
    }

    @Test func acknowledgingWhatIsNotOutstandingChangesNothing() {
        var queue = OutstandingProposals()
        #expect(!ack(&queue, Self.zxid(1), by: 1))
        for counter in Int64(5)...7 { queue.append(Self.zxid(counter), loggedBy: 0) }
        #expect(!ack(&queue, Self.zxid(4), by: 1))  // committed already
        #expect(!ack(&queue, Self.zxid(8), by: 1))  // never proposed
        #expect(!ack(&queue, Self.zxid(6, epoch: 2), by: 1))  // an older epoch's
        #expect(queue.first?.acks == 1)
        // The same server acknowledging twice counts once.
        #expect(ack(&queue, Self.zxid(5), by: 1))
        #expect(ack(&queue, Self.zxid(5), by: 1))
        #expect(queue.first?.acks == 2)
    }

    @Test func aSyncedLearnerAcknowledgesEverythingUpToItsSync() {
        var queue = OutstandingProposals()
        for counter in Int64(1)...4 { queue.append(Self.zxid(counter), loggedBy: 0) }
        queue.acknowledgeAll(upTo: Self.zxid(2), by: 4)
        var acks: [Int] = []
        while let first = queue.first {
            acks.append(first.acks)
            queue.removeFirst()
        }
        #expect(acks == [2, 2, 1, 1])
        #expect(queue.isEmpty)
    }

    @Test func learnerSlotsKeepHostOrderAndCountTheSynced() {
        let servers = [HostID(2), HostID(5), HostID(9)]
        var table = LearnerTable(servers: servers)
        #expect(table.position(of: HostID(9)) == 2)
        #expect(table.count == 0 && table.peers.isEmpty && table.highestAcceptedEpoch == nil)
        let connection = ConnectionID(low: HostID(2), high: HostID(9), incarnation: 1)
        table[HostID(9)] = Learner(connection: connection, acceptedEpoch: 4, lastHeard: .zero)
        table[HostID(2)] = Learner(connection: connection, acceptedEpoch: 7, lastHeard: .zero)
        #expect(table.peers == [HostID(2), HostID(9)])
        #expect(table.highestAcceptedEpoch == 7)
        #expect(table.syncedCount == 1)
        table[HostID(9)]!.phase = .upToDate
        #expect(table.syncedCount == 2)
        let removed = table.remove(HostID(2))
        let again = table.remove(HostID(2))
        #expect(removed?.acceptedEpoch == 7 && again == nil)
        #expect(table.peers == [HostID(9)] && table.count == 1)
    }
}
