import Scheduler
import Simulation

/// A test client: sends scripted messages at scripted times and records what comes back.
final class Recorder: Process {
    struct Received {
        var time: SimTime
        var from: HostID
        var message: any Message
    }

    let script: [(after: SimDuration, to: HostID, message: any Message)]
    var received: [Received] = []

    init(_ script: [(after: SimDuration, to: HostID, message: any Message)]) { self.script = script }

    func start(_ context: ProcessContext) {
        for (i, step) in script.enumerated() { context.setTimer(after: step.after, tag: i) }
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if message.answerHealthCheck(from: peer, context) { return }
        received.append(Received(time: context.now, from: peer, message: message))
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        context.send(script[tag].message, to: script[tag].to)
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if connection == context.connection(to: peer) { context.closeConnection(to: peer) }
    }

    func messages<M: Message>(_ type: M.Type) -> [M] { received.compactMap { $0.message as? M } }
}

/// Records observations of one kind, in order.
final class ObservationLog: Observer {
    var entries: [(host: HostID, time: SimTime, observation: any Observation)] = []
    func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        entries.append((host, time, observation))
    }
    func all<O: Observation>(_ type: O.Type) -> [O] { entries.compactMap { $0.observation as? O } }
}

/// A backend for balancer tests: answers health checks, and answers each proxied request with its own name.
final class EchoBackend: Process {
    let name: String
    var served = 0
    init(name: String) { self.name = name }
    func start(_ context: ProcessContext) {}
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {}
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if message.answerHealthCheck(from: peer, context) { return }
        guard let request = message as? ProxiedRequest else { return }
        served += 1
        context.send(ProxiedReply(requestId: request.requestId, reply: Note(text: name)), to: peer)
    }
}

/// A plain text message.
struct Note: Message, Equatable {
    var text: String
    static let kind = MessageKind("NOTE")
    var kind: MessageKind { Self.kind }
}
