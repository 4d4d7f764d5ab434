import Coordination
import Simulation

/// Contends on one znode: read it, then compare-and-set it to the next value, over and over.
final class CounterClient: Process {
    let client: ZooKeeperClient
    let path: String
    var busy = false
    var successes = 0

    init(servers: [HostID], path: String = "/counter") {
        client = ZooKeeperClient(servers: servers, sessionTimeout: .seconds(6))
        self.path = path
    }

    func start(_ context: ProcessContext) {
        handle(client.start(context), context)
        context.setTimer(after: .milliseconds(50), tag: 1)
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) {
            handle(events, context)
            return
        }
        context.setTimer(after: .milliseconds(50), tag: 1)
        guard !busy, client.state == .connected else { return }
        submit(.getData(path: path, watch: false), context)
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func submit(_ op: Operation, _ context: ProcessContext) {
        busy = true
        let (_, events) = client.submit(op, context)
        handle(events, context)
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for case .reply(_, let op, let result) in events {
            busy = false
            switch (op, result) {
            case (.getData, .failure(.noNode)):
                submit(.create(path: path, data: "0", mode: .persistent), context)
            case (.getData, .success(.data(let data, let stat))):
                submit(.setData(path: path, data: String((Int(data) ?? 0) + 1), version: stat.version), context)
            case (.setData, .success): successes += 1
            default: break
            }
        }
    }
}
