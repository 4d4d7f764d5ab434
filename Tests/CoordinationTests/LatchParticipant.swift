import Coordination
import Simulation

/// A process that joins a leader latch and, while it believes it leads, writes to a fenced store.
final class LatchParticipant: Process {
    let client: ZooKeeperClient
    let latch: LeaderLatch
    let store: HostID
    let writeInterval: SimDuration
    var events: [(time: SimTime, event: LeaderLatch.Event)] = []
    var states: [SessionState] = []
    var results: [(token: Zxid, accepted: Bool)] = []
    var joined = false

    init(
        servers: [HostID], id: String, store: HostID, timeout: SimDuration = .seconds(4),
        writeInterval: SimDuration = .milliseconds(200), policy: LatchReconnectPolicy = .recheck
    ) {
        client = ZooKeeperClient(servers: servers, sessionTimeout: timeout)
        latch = LeaderLatch(path: "/election/scheduler", participantID: id, reconnectPolicy: policy)
        self.store = store
        self.writeInterval = writeInterval
    }

    func start(_ context: ProcessContext) {
        handle(client.start(context), context)
        context.setTimer(after: writeInterval, tag: 1)
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) {
            handle(events, context)
        } else if let result = message as? FencedWriteResult {
            results.append((result.token, result.accepted))
        }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) {
            handle(events, context)
            return
        }
        context.setTimer(after: writeInterval, tag: 1)
        if latch.isLeader, let token = latch.token {
            context.send(FencedWrite(token: token, value: latch.participantID), to: store)
        }
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for event in events {
            if case .state(let s) = event {
                states.append(s)
                if s == .connected && !joined {
                    joined = true
                    record(latch.start(client, context), context)
                }
            }
            record(latch.handle(event, client, context), context)
        }
    }

    private func record(_ latchEvents: [LeaderLatch.Event], _ context: ProcessContext) {
        for e in latchEvents { events.append((context.now, e)) }
    }
}
