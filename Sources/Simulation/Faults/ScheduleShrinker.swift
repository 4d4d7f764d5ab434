/// Reduces a fault schedule that makes a run fail to a small one that still fails.
///
/// First delta debugging (Zeller's ddmin) over the faults, removing chunks and then single
/// faults; then each remaining fault is moved earlier, halving its gap to the fault before it,
/// which shortens outage windows. The predicate is a full deterministic replay, so the result is
/// the same every time. Every loop is bounded by `budget` replays.
public struct ScheduleShrinker {
    /// Replays a candidate schedule; true when it still violates.
    public let stillFails: ([ScheduledFault]) -> Bool
    /// Most replays to spend.
    public var budget: Int
    /// Replays spent so far.
    public private(set) var replays = 0

    public init(budget: Int = 500, stillFails: @escaping ([ScheduledFault]) -> Bool) {
        self.budget = budget
        self.stillFails = stillFails
    }

    /// The smallest failing schedule found; `schedule` itself must fail.
    public mutating func shrink(_ schedule: [ScheduledFault]) -> [ScheduledFault] {
        var current = removeFaults(schedule)
        current = shortenWindows(current)
        return current
    }

    private mutating func test(_ candidate: [ScheduledFault]) -> Bool {
        guard replays < budget else { return false }
        replays += 1
        return stillFails(candidate)
    }

    /// ddmin: try dropping each of n chunks; on success restart with fewer chunks, else split finer.
    private mutating func removeFaults(_ schedule: [ScheduledFault]) -> [ScheduledFault] {
        var current = schedule
        var chunks = 2
        while current.count >= 2 && replays < budget {
            let size = (current.count + chunks - 1) / chunks
            var reduced = false
            for start in stride(from: 0, to: current.count, by: size) {
                var candidate = current
                candidate.removeSubrange(start..<min(start + size, current.count))
                if test(candidate) {
                    current = candidate
                    chunks = max(chunks - 1, 2)
                    reduced = true
                    break
                }
            }
            if !reduced {
                if size == 1 { break }
                chunks = min(chunks * 2, current.count)
            }
        }
        if current.count == 1 && test([]) { return [] }
        return current
    }

    /// Moves each fault earlier (halving its gap to the previous one) while the run still fails.
    private mutating func shortenWindows(_ schedule: [ScheduledFault]) -> [ScheduledFault] {
        var current = schedule
        for i in current.indices.dropFirst() {
            var attempts = 0
            while attempts < 12 && replays < budget {
                attempts += 1
                let previous = current[i - 1].time
                let gap = current[i].time - previous
                guard gap.nanoseconds > 1_000_000 else { break }
                var candidate = current
                candidate[i].time = previous + gap / 2
                guard test(candidate) else { break }
                current = candidate
            }
        }
        return current
    }
}
