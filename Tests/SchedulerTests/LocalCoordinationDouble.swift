import Scheduler
import Simulation

/// TEST DOUBLE — not ZooKeeper. A shared in-memory stand-in for the coordination service, so the
/// scheduler server can be tested before the `Coordination` target exists. Sessions are kept alive
/// by each client's poll timer and expire `sessionTimeout` after the last poll (a crashed or paused
/// server stops polling); locks and the leader latch hand out increasing fencing tokens; events for
/// a client wait in its outbox until its next poll. It reads the simulator's true time and bypasses
/// the network, which the real client will not.
final class LocalCoordinationHub {
    struct Session {
        var id: Int
        var lastSeen: SimTime
    }

    let now: () -> SimTime
    let sessionTimeout: SimDuration
    var sessions: [String: Session] = [:]
    var expired: Set<String> = []
    /// Clients that found their session gone and are "reconnecting": they learn of the expiry one
    /// poll later, as a real client learns it only when the server answers its reconnect.
    var reconnecting: Set<String> = []
    var members: [String] = []
    var latch: [String] = []
    var leader: String?
    var locks: [String: String] = [:]
    var waiters: [(key: String, member: String, deadline: SimTime)] = []
    var outbox: [String: [CoordinationEvent]] = [:]
    var nextToken: Int64 = 0
    var nextSession = 0
    var sequence: Int64 = 0

    init(sessionTimeout: SimDuration = .seconds(10), now: @escaping () -> SimTime) {
        self.sessionTimeout = sessionTimeout
        self.now = now
    }

    func token() -> FencingToken {
        nextToken += 1
        return FencingToken(nextToken)
    }

    func open(_ member: String) {
        if sessions[member] != nil { expire(member) }
        expired.remove(member)
        nextSession += 1
        sessions[member] = Session(id: nextSession, lastSeen: now())
    }

    /// Expires every session not seen for a timeout, releasing what it held.
    func expireStale() {
        for member in sessions.keys.sorted() where sessions[member]!.lastSeen + sessionTimeout < now() {
            expire(member)
            expired.insert(member)
        }
        for (i, waiter) in waiters.enumerated().reversed() where waiter.deadline <= now() {
            waiters.remove(at: i)
            outbox[waiter.member, default: []].append(.lockTimedOut(key: waiter.key))
        }
    }

    func expire(_ member: String) {
        sessions[member] = nil
        outbox[member] = nil
        waiters.removeAll { $0.member == member }
        for key in locks.keys.sorted() where locks[key] == member { release(key) }
        latch.removeAll { $0 == member }
        if leader == member {
            leader = nil
            electLeader()
        }
        if members.contains(member) {
            members.removeAll { $0 == member }
            broadcastMembers()
        }
    }

    func broadcastMembers() {
        for m in members { outbox[m, default: []].append(.membersChanged(members)) }
    }

    func electLeader() {
        guard leader == nil, let first = latch.first else { return }
        leader = first
        outbox[first, default: []].append(.leadershipGained(token: token()))
    }

    func release(_ key: String) {
        locks[key] = nil
        if let i = waiters.firstIndex(where: { $0.key == key }) {
            let waiter = waiters.remove(at: i)
            locks[key] = waiter.member
            outbox[waiter.member, default: []].append(.lockAcquired(key: key, token: token()))
        }
    }

    func drain(_ member: String) -> [CoordinationEvent] {
        defer { outbox[member] = nil }
        return outbox[member] ?? []
    }
}

/// TEST DOUBLE — one server's client of ``LocalCoordinationHub``.
final class LocalCoordinationDouble: CoordinationClient {
    let hub: LocalCoordinationHub
    let member: String
    static let pollTag = CoordinationTimerTags.base
    static let pollInterval = SimDuration.milliseconds(100)

    init(hub: LocalCoordinationHub, member: String) {
        self.hub = hub
        self.member = member
    }

    func start(_ context: ProcessContext) -> [CoordinationEvent] {
        hub.expireStale()
        hub.open(member)
        context.setTimer(after: Self.pollInterval, tag: Self.pollTag)
        return [.sessionEstablished]
    }

    func receive(_ message: any Message, from peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]? { nil }

    func connectionClosed(_ connection: ConnectionID, peer: HostID, _ context: ProcessContext) -> [CoordinationEvent]? { nil }

    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) -> [CoordinationEvent]? {
        guard tag == Self.pollTag else { return nil }
        context.setTimer(after: Self.pollInterval, tag: Self.pollTag)
        hub.expireStale()
        if hub.expired.contains(member) || hub.sessions[member] == nil {
            guard hub.reconnecting.remove(member) != nil else {
                hub.reconnecting.insert(member)
                return []
            }
            hub.open(member)
            return [.sessionLost, .sessionEstablished]
        }
        hub.sessions[member]!.lastSeen = hub.now()
        return hub.drain(member)
    }

    func register(memberId: String, _ context: ProcessContext) -> [CoordinationEvent] {
        if !hub.members.contains(member) {
            hub.members.append(member)
            hub.members.sort()
            hub.broadcastMembers()
        }
        return hub.drain(member)
    }

    func joinLeaderElection(_ context: ProcessContext) -> [CoordinationEvent] {
        if !hub.latch.contains(member) { hub.latch.append(member) }
        hub.electLeader()
        return hub.drain(member)
    }

    func acquireLock(_ key: String, timeout: SimDuration, _ context: ProcessContext) -> [CoordinationEvent] {
        // Without a live session the lock cannot be created (ZooKeeper answers SessionExpired).
        guard hub.sessions[member] != nil, !hub.expired.contains(member) else { return [.lockTimedOut(key: key)] }
        if hub.locks[key] == nil {
            hub.locks[key] = member
            return [.lockAcquired(key: key, token: hub.token())]
        }
        hub.waiters.append((key, member, hub.now() + timeout))
        return []
    }

    func releaseLock(_ key: String, _ context: ProcessContext) -> [CoordinationEvent] {
        guard hub.locks[key] == member else { return [] }
        hub.release(key)
        return [.lockReleased(key: key)]
    }

    func nextSequence(requestId: Int64, _ context: ProcessContext) -> [CoordinationEvent] {
        hub.sequence += 1
        return [.sequenceAllocated(requestId: requestId, value: hub.sequence)]
    }
}
