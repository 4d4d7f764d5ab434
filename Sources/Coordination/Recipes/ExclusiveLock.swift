import Simulation

/// An exclusive lock on the latch pattern (ZooKeeper's lock recipe): `acquire` queues this
/// holder behind the others, `release` deletes its node so the next in line gets the lock.
/// The fencing token rules of ``LeaderLatch`` apply: guard the protected resource with it.
public final class ExclusiveLock {
    public enum Event: Sendable, Equatable {
        case acquired(token: Zxid)
        /// Lost without a release (disconnect or expiry): another holder may already have it.
        case lost
    }

    let latch: LeaderLatch
    public init(path: String, ownerID: String) { latch = LeaderLatch(path: path, participantID: ownerID) }

    public var isHeld: Bool { latch.isLeader }
    public var token: Zxid? { latch.isLeader ? latch.token : nil }
    /// This holder's lock node, once its creation is known (nil while the create is in flight).
    public var node: String? { latch.node }

    /// Queues for the lock; `.acquired` comes when every earlier holder released it or died.
    public func acquire(_ client: ZooKeeperClient, _ context: ProcessContext) -> [Event] {
        map(latch.start(client, context))
    }

    /// Releases (or abandons the wait for) the lock.
    public func release(_ client: ZooKeeperClient, _ context: ProcessContext) {
        _ = latch.close(client, context)
    }

    /// Whether this holder waits behind another holder's node (see ``LeaderLatch/isQueued``).
    public var isQueued: Bool { latch.isQueued }

    /// Whether the reply to request `id` is this lock's.
    public func isWaiting(for id: RequestID) -> Bool { latch.isWaiting(for: id) }

    /// Feeds one of the client's events to the lock.
    public func handle(_ event: ZooKeeperEvent, _ client: ZooKeeperClient, _ context: ProcessContext) -> [Event] {
        map(latch.handle(event, client, context))
    }

    private func map(_ events: [LeaderLatch.Event]) -> [Event] {
        events.map {
            switch $0 {
            case .acquired(let token): .acquired(token: token)
            case .lost: .lost
            }
        }
    }
}
