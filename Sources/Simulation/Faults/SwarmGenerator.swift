/// Draws random fault schedules from a seed (swarm testing).
///
/// Each schedule enables a random subset of fault kinds, each at a random intensity, so that
/// different runs stress different combinations instead of averaging every fault into noise
/// (Groce et al., "Swarm Testing", ISSTA 2012). Every fault is healed by `activeFraction` of the
/// run, so liveness can be checked in the quiet tail.
public struct SwarmGenerator: Sendable {
    /// The fault kinds a schedule may enable.
    public enum FaultKind: String, CaseIterable, Sendable {
        /// `crash` is a process crash (kill -9: peers learn at once) or a silent host crash (power
        /// loss: peers learn by their timeouts), half each; `crashLosingWrites` loses the write
        /// cache, which only a host crash does.
        case crash, crashLosingWrites, diskLoss, pause, partition, oneWayPartition, clockJump, clockDrift
        /// A pause armed to fire right after one of `sendTriggers` sends (drawn only if there are any).
        case pauseOnSend
    }

    public var hosts: [HostID]
    public var duration: SimDuration
    /// Kinds to draw from.
    public var kinds: [FaultKind] = FaultKind.allCases
    /// Faults start and end within this leading fraction of the run.
    public var activeFraction = 0.8
    /// Most faults of one kind in one schedule.
    public var maxFaultsPerKind = 4
    /// Shortest and longest outage (crash to restart, pause to resume, cut to heal).
    public var outage: ClosedRange<Double> = 1...60
    /// The senders and messages a `pauseOnSend` may arm: the requests whose answers matter, such
    /// as a scheduler's reads from its database. Random pauses rarely land while one is in flight.
    public var sendTriggers: [(from: HostID, trigger: SendTrigger)] = []

    public init(hosts: [HostID], duration: SimDuration) {
        precondition(!hosts.isEmpty, "a swarm needs hosts")
        self.hosts = hosts
        self.duration = duration
    }

    /// A schedule and the kinds it enabled.
    public struct Schedule: Sendable, Equatable {
        public var enabledKinds: [FaultKind]
        public var timeline: [ScheduledFault]
    }

    /// The schedule for `seed`; the same seed gives the same schedule.
    public func generate(seed: StreamSeed) -> Schedule {
        var rng = seed.stream
        // Crash modes come from their own stream, so the schedule's other draws stay as they were.
        var modes = seed.derive("crash-modes").stream
        let drawable = kinds.filter { $0 != .pauseOnSend || !sendTriggers.isEmpty }
        var enabled = drawable.filter { _ in rng.bernoulli(0.5) }
        if enabled.isEmpty { enabled = [drawable[rng.nextInt(below: drawable.count)]] }
        let activeEnd = Double(duration.nanoseconds) * activeFraction / 1e9
        var timeline: [ScheduledFault] = []
        for kind in enabled {
            for _ in 0..<(1 + rng.nextInt(below: maxFaultsPerKind)) {
                let start = rng.nextUnit() * activeEnd
                let length = outage.lowerBound + rng.nextUnit() * (outage.upperBound - outage.lowerBound)
                let end = min(start + length, activeEnd)
                timeline += faults(kind, from: SimTime(nanoseconds: SimDuration(seconds: start).nanoseconds),
                                   to: SimTime(nanoseconds: SimDuration(seconds: end).nanoseconds), &rng, &modes)
            }
        }
        let healTime = SimTime(nanoseconds: SimDuration(seconds: activeEnd).nanoseconds)
        timeline.append(ScheduledFault(at: healTime, .healAll))
        for host in hosts {
            timeline += [.init(at: healTime, .restart(host)), .init(at: healTime, .resume(host)),
                         .init(at: healTime, .clockDrift(host, 0))]
        }
        let ordered = timeline.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        return Schedule(enabledKinds: enabled, timeline: ordered.map(\.element))
    }

    private func faults(
        _ kind: FaultKind, from start: SimTime, to end: SimTime, _ rng: inout RandomStream, _ modes: inout RandomStream
    ) -> [ScheduledFault]
    {
        let host = hosts[rng.nextInt(below: hosts.count)]
        switch kind {
        case .crash:
            let mode: CrashMode = modes.bernoulli(0.5) ? .host : .process
            return [.init(at: start, .crash(host, mode: mode)), .init(at: end, .restart(host))]
        case .crashLosingWrites:
            return [.init(at: start, .crash(host, mode: .host, loseUnsyncedWrites: true)), .init(at: end, .restart(host))]
        case .diskLoss:
            return [.init(at: start, .crash(host)), .init(at: end, .restart(host, wipeDisk: true))]
        case .pause:
            return [.init(at: start, .pause(host)), .init(at: end, .resume(host))]
        case .pauseOnSend:
            let (from, trigger) = sendTriggers[rng.nextInt(below: sendTriggers.count)]
            return [.init(at: start, .pauseOnSend(from, trigger)), .init(at: end, .resume(from))]
        case .partition, .oneWayPartition:
            let side = hosts.filter { _ in rng.bernoulli(0.5) }
            let inside = side.isEmpty ? [host] : (side.count == hosts.count ? Array(side.dropLast()) : side)
            let outside = hosts.filter { !inside.contains($0) }
            var cuts: [(HostID, HostID)] = []
            for a in inside { for b in outside { cuts.append((a, b)); if kind == .partition { cuts.append((b, a)) } } }
            return cuts.map { .init(at: start, .cutLink(from: $0.0, to: $0.1)) }
                + cuts.map { .init(at: end, .healLink(from: $0.0, to: $0.1)) }
        case .clockJump:
            let seconds = (rng.bernoulli(0.5) ? 1.0 : -1.0) * (1 + rng.nextUnit() * outage.upperBound)
            return [.init(at: start, .clockJump(host, SimDuration(seconds: seconds)))]
        case .clockDrift:
            let drift = (rng.bernoulli(0.5) ? 1.0 : -1.0) * (1e-3 + rng.nextUnit() * 4.9e-2)
            return [.init(at: start, .clockDrift(host, drift)), .init(at: end, .clockDrift(host, 0))]
        }
    }
}
