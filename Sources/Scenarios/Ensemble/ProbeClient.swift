import Coordination
import Simulation

/// A user of the ensemble: writes `/probe` every interval through an embedded ZooKeeper client
/// and counts a probe as a success when its answer comes within the timeout. That fraction is
/// availability as users see it, election time, client failover and session handling included.
final class ProbeClient: Process {
    let servers: [HostID]
    let spec: ProbeSpec
    private var client: ZooKeeperClient
    private var created = false
    private var pending: [RequestID: SimTime] = [:]
    private var counter = 0
    private(set) var succeeded = 0
    private(set) var failed = 0
    /// When the last write succeeded, and the longest wait between two successes since the reset.
    private var lastSuccess: SimTime?
    private(set) var longestGap: SimDuration?

    static let tickTag = 1

    init(servers: [HostID], spec: ProbeSpec) {
        self.servers = servers
        self.spec = spec
        client = ZooKeeperClient(servers: servers, sessionTimeout: spec.sessionTimeout)
    }

    /// Forgets the counts (after the warm-up).
    func resetCounts() {
        succeeded = 0
        failed = 0
        lastSuccess = nil
        longestGap = nil
    }

    /// Probes still waiting at the end count as failures once older than the timeout.
    func finalCounts(now: SimTime) -> (succeeded: Int, failed: Int) {
        (succeeded, failed + pending.values.filter { now - $0 > spec.timeout }.count)
    }

    func start(_ context: ProcessContext) {
        handle(client.start(context), context)
        context.setTimer(after: spec.interval, tag: Self.tickTag)
    }

    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
        if let events = client.receive(message, from: peer, on: connection, context) { handle(events, context) }
    }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        if let events = client.timerFired(timer, tag: tag, context) {
            handle(events, context)
            return
        }
        guard tag == Self.tickTag else { return }
        expireOverdue(context)
        counter += 1
        let op: Operation = created
            ? .setData(path: "/probe", data: String(counter), version: -1)
            : .create(path: "/probe", data: String(counter), mode: .persistent)
        let (id, events) = client.submit(op, context)
        pending[id] = context.now
        handle(events, context)
        context.setTimer(after: spec.interval, tag: Self.tickTag)
    }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) {
        if let events = client.connectionClosed(connection, peer: peer, context) { handle(events, context) }
    }

    private func expireOverdue(_ context: ProcessContext) {
        let overdue = pending.filter { context.now - $0.value > spec.timeout }.keys.sorted()
        for id in overdue {
            pending[id] = nil
            failed += 1
        }
    }

    private func handle(_ events: [ZooKeeperEvent], _ context: ProcessContext) {
        for event in events {
            switch event {
            case .reply(let id, _, let result):
                guard let sentAt = pending.removeValue(forKey: id) else { continue }
                let latency = context.now - sentAt
                switch result {
                case .success, .failure(.nodeExists):
                    created = true
                    if let last = lastSuccess { longestGap = max(longestGap ?? .zero, context.now - last) }
                    lastSuccess = context.now
                    if latency <= spec.timeout {
                        succeeded += 1
                    } else {
                        failed += 1
                    }
                case .failure(.noNode):
                    created = false
                    failed += 1
                case .failure:
                    failed += 1
                }
            case .state(.expired):
                // A new session; the old one is never reused. Its pending probes fail by timeout.
                client = ZooKeeperClient(servers: servers, sessionTimeout: spec.sessionTimeout)
                handle(client.start(context), context)
            case .state, .watch:
                break
            }
        }
    }
}
