@testable import Simulation

/// A message carrying a number.
struct Note: Message {
    let value: Int
    static let kind = MessageKind("NOTE")
    var kind: MessageKind { Self.kind }
}

/// Records every input it gets; sends and sets timers when a test tells it to.
final class Recorder: Process {
    var received: [(value: Int, from: HostID, at: SimTime)] = []
    var firedTags: [Int] = []
    var closed: [HostID] = []
    var starts = 0
    var volatileCounter = 0
    var onStart: ((ProcessContext) -> Void)?
    var onTimer: ((Int, ProcessContext) -> Void)?

    func start(_ context: ProcessContext) {
        starts += 1
        onStart?(context)
    }
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        received.append(((message as! Note).value, peer, context.now))
    }
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        firedTags.append(tag)
        onTimer?(tag, context)
    }
    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) { closed.append(peer) }
}

/// Durable state for tests: one synced value and a log.
final class TestDisk: DurableState {
    var value = SyncedValue(0)
    var log = SyncedLog<Int>()
    func loseUnsyncedWrites() {
        value.loseUnsynced()
        log.loseUnsynced()
    }
}

extension Simulator {
    /// Schedules `action` at `time` through a fresh handler (tests only).
    func at(_ time: SimTime, _ action: @escaping (Simulator) -> Void) {
        let handler = ClosureHandler(action)
        schedule(at: time, for: register(handler))
    }
    func recorder(_ host: HostID) -> Recorder { process(of: host) as! Recorder }
}

final class ClosureHandler: EventHandler {
    let action: (Simulator) -> Void
    init(_ action: @escaping (Simulator) -> Void) { self.action = action }
    func handle(_ event: Event, in simulator: Simulator) { action(simulator) }
}

extension SimTime {
    static func s(_ seconds: Int64) -> SimTime { .zero + .seconds(seconds) }
    static func ms(_ milliseconds: Int64) -> SimTime { .zero + .milliseconds(milliseconds) }
}
