#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernel's priority queue of events, ordered by `(time, sequence)`.
///
/// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) with 16-way digits over the 128-bit
/// key `(time, sequence)`. It relies on what a discrete-event simulation guarantees anyway:
/// nothing is scheduled before the event being handled, so keys only grow (a *monotone* priority
/// queue). The queue remembers the key of the last minimum, `last`. Cut a key into 32 hex digits
/// (16 of time above 16 of sequence); an event waits in bucket `(p, d)`, where `p` is the highest
/// digit position in which its key differs from `last` and `d` its own digit there. Buckets in
/// `(p, d)` order hold increasing, disjoint key ranges. A push is an append to one bucket. A pop
/// takes the lowest non-empty bucket: its minimum (tracked on append) becomes `last`, and the
/// other events of that bucket move to buckets of lower positions. An event moves at most 31
/// times and, in a simulation, one or two; the moves are sequential appends, so a large queue
/// stays cache-friendly where a binary heap walks a random path per operation.
///
/// Sequences are unique, so ties in time fire in insertion order and runs are reproducible.
/// Once every bucket has grown to its peak, the queue never allocates. The buckets are raw
/// buffers the queue owns, so the type is non-copyable: no reference counting and no
/// uniqueness checks on the hot path.
///
/// - Precondition: an event is never pushed earlier than the last one popped (``Simulator``
///   already requires `time >= now`).
/// - Complexity: `push` O(1); `popMin` amortized O(key digits), O(1) in typical simulations.
public struct EventQueue: ~Copyable, @unchecked Sendable {
    /// 32 digit positions × 16 digit values; `buckets[p << 4 | d]`.
    @usableFromInline let buckets: UnsafeMutablePointer<Bucket>
    /// Bit `i & 63` of word `i >> 6` is set when bucket `i` is non-empty.
    @usableFromInline let occupied: UnsafeMutablePointer<UInt64>
    /// Bit `w` is set when `occupied[w]` is non-zero.
    @usableFromInline var occupiedWords: UInt64 = 0
    /// The key of the last minimum taken out of the buckets (order-preserving time, sequence).
    @usableFromInline var lastTimeKey: UInt64 = 0
    @usableFromInline var lastSequence: UInt64 = 0
    /// Events in the buckets.
    @usableFromInline var stored = 0
    /// Sum of the buckets' capacities, in events.
    @usableFromInline var reservedEvents = 0
    /// Starts at 1 so that every key is greater than the initial `last` (time key 0, sequence 0).
    @usableFromInline var nextSequence: UInt64 = 1

    @usableFromInline static var bucketCount: Int { 512 }

    public init(reservingCapacity capacity: Int = 0) {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: Bucket(), count: Self.bucketCount)
        occupied = .allocate(capacity: Self.bucketCount / 64)
        occupied.initialize(repeating: 0, count: Self.bucketCount / 64)
        _ = capacity  // buckets grow on demand; which ones fill depends on the delays
    }

    deinit {
        for b in 0..<Self.bucketCount { free(buckets[b].base) }
        buckets.deallocate()
        occupied.deallocate()
    }

    /// Events waiting to fire.
    @inlinable public var count: Int { stored }
    @inlinable public var isEmpty: Bool { stored == 0 }

    /// The time of the next event, if any. Peeking changes nothing: an event may still be pushed
    /// before it (but not before the last event popped).
    @inlinable public var nextTime: Int64? {
        guard stored > 0 else { return nil }
        return Self.time(fromKey: buckets[lowestOccupied].minTimeKey)
    }

    /// Adds an event; events at the same time fire in the order they were pushed.
    @inlinable
    public mutating func push(time: Int64, target: Int32, kind: UInt32, payload: Int64) {
        let timeKey = Self.timeKey(time)
        precondition(timeKey >= lastTimeKey, "EventQueue: pushed an event earlier than the last one popped")
        let event = Event(time: time, sequence: nextSequence, target: target, kind: kind, payload: payload)
        nextSequence &+= 1
        let b = Self.bucket(timeKey, event.sequence, lastTimeKey, lastSequence)
        append(event, timeKey, to: buckets + b)
        occupied[b &>> 6] |= 1 &<< UInt64(b & 63)
        occupiedWords |= 1 &<< UInt64(b &>> 6)
        stored &+= 1
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popMin() -> Event? {
        guard stored > 0 else { return nil }
        return takeMin(lowestOccupied)
    }

    /// Pops the earliest event if it fires at or before `limit`.
    @inlinable
    public mutating func popMin(notAfter limit: Int64) -> Event? {
        guard stored > 0 else { return nil }
        let b = lowestOccupied
        guard buckets[b].minTimeKey <= Self.timeKey(limit) else { return nil }
        return takeMin(b)
    }
}

/// One bucket: a growable buffer of events owned by its ``EventQueue``, and where its earliest
/// event is (kept up to date by `append`, so a pop needs no scan).
@usableFromInline
struct Bucket {
    @usableFromInline var base: UnsafeMutablePointer<Event>? = nil
    @usableFromInline var count = 0
    @usableFromInline var capacity = 0
    @usableFromInline var minIndex = 0
    @usableFromInline var minTimeKey: UInt64 = 0
    @usableFromInline var minSequence: UInt64 = 0
    @usableFromInline init() {}
}

extension EventQueue {
    /// Maps `Int64` order onto `UInt64` order, so keys compare digit by digit.
    @inlinable @inline(__always)
    static func timeKey(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) ^ (1 << 63) }

    @inlinable @inline(__always)
    static func time(fromKey key: UInt64) -> Int64 { Int64(bitPattern: key ^ (1 << 63)) }

    /// The bucket `p << 4 | d` of key `(timeKey, sequence)` relative to `last`: `p` is the highest
    /// hex digit position where they differ (16...31 in the time, 0...15 in the sequence) and `d`
    /// the key's digit there. Requires the key to be greater than `last`.
    @inlinable @inline(__always)
    static func bucket(_ timeKey: UInt64, _ sequence: UInt64, _ lastTimeKey: UInt64, _ lastSequence: UInt64) -> Int {
        let timeBits = timeKey ^ lastTimeKey
        if timeBits != 0 {
            let shift = (63 &- timeBits.leadingZeroBitCount) & ~3
            return (256 &+ shift &<< 2) | Int(truncatingIfNeeded: (timeKey &>> UInt64(shift)) & 15)
        }
        let shift = (63 &- (sequence ^ lastSequence).leadingZeroBitCount) & ~3
        return (shift &<< 2) | Int(truncatingIfNeeded: (sequence &>> UInt64(shift)) & 15)
    }

    @inlinable @inline(__always)
    mutating func append(_ event: Event, _ timeKey: UInt64, to bucket: UnsafeMutablePointer<Bucket>) {
        let count = bucket.pointee.count
        if count == bucket.pointee.capacity { reservedEvents &+= Self.grow(bucket) }
        (bucket.pointee.base.unsafelyUnwrapped + count).initialize(to: event)
        if count == 0 || timeKey < bucket.pointee.minTimeKey
            || (timeKey == bucket.pointee.minTimeKey && event.sequence < bucket.pointee.minSequence)
        {
            bucket.pointee.minIndex = count
            bucket.pointee.minTimeKey = timeKey
            bucket.pointee.minSequence = event.sequence
        }
        bucket.pointee.count = count &+ 1
    }

    /// Doubles `bucket`'s room (16 events at first) and returns the events added; the cold path
    /// of `append`.
    @usableFromInline @inline(never)
    static func grow(_ bucket: UnsafeMutablePointer<Bucket>) -> Int {
        let newCapacity = max(bucket.pointee.capacity &* 2, 16)
        let added = newCapacity &- bucket.pointee.capacity
        // realloc: a large buffer grows by remapping pages, not by copying events.
        guard let raw = realloc(bucket.pointee.base, newCapacity * MemoryLayout<Event>.stride) else {
            fatalError("EventQueue: out of memory for \(newCapacity) events")
        }
        let storage = raw.bindMemory(to: Event.self, capacity: newCapacity)
        bucket.pointee.base = storage
        bucket.pointee.capacity = newCapacity
        return added
    }

    /// Frees an emptied bucket's buffer when the buckets hold more than twice the room the events
    /// need: each bucket keeps its own peak, and the peaks of a large queue add up. Rare (a large
    /// bucket empties once per many events), so no allocation per event.
    @usableFromInline @inline(never)
    mutating func trim(_ bucket: UnsafeMutablePointer<Bucket>) {
        reservedEvents &-= bucket.pointee.capacity
        free(bucket.pointee.base)
        bucket.pointee.base = nil
        bucket.pointee.capacity = 0
    }

    /// The lowest non-empty bucket; requires `stored > 0`.
    @inlinable @inline(__always)
    var lowestOccupied: Int {
        let word = occupiedWords.trailingZeroBitCount
        return word &<< 6 | occupied[word].trailingZeroBitCount
    }

    @inlinable @inline(__always)
    mutating func clearOccupied(_ b: Int) {
        let word = occupied[b &>> 6] & ~(1 &<< UInt64(b & 63))
        occupied[b &>> 6] = word
        if word == 0 { occupiedWords &= ~(1 &<< UInt64(b &>> 6)) }
    }

    /// Takes the minimum out of bucket `b`, the lowest non-empty one, and makes it `last`.
    @inlinable @inline(__always)
    mutating func takeMin(_ b: Int) -> Event {
        let bucket = buckets + b
        stored &-= 1
        clearOccupied(b)
        let minIndex = bucket.pointee.minIndex
        let events = bucket.pointee.base.unsafelyUnwrapped
        let minEvent = events[minIndex]
        lastTimeKey = bucket.pointee.minTimeKey
        lastSequence = bucket.pointee.minSequence
        let n = bucket.pointee.count
        bucket.pointee.count = 0
        if n > 1 {
            redistribute(events, n, skipping: minIndex)
            if bucket.pointee.capacity >= 4096 && reservedEvents > stored &* 2 &+ 65536 { trim(bucket) }
        }
        return minEvent
    }

    /// Moves the events of an emptied bucket, except its minimum (now `last`), to the buckets of
    /// lower positions; they never land in the bucket being read.
    @inlinable
    mutating func redistribute(_ events: UnsafeMutablePointer<Event>, _ n: Int, skipping minIndex: Int) {
        let lastTime = lastTimeKey, lastSeq = lastSequence
        var words = occupiedWords
        for i in 0..<n where i != minIndex {
            let event = events[i]
            let timeKey = Self.timeKey(event.time)
            let target = Self.bucket(timeKey, event.sequence, lastTime, lastSeq)
            append(event, timeKey, to: buckets + target)
            occupied[target &>> 6] |= 1 &<< UInt64(target & 63)
            words |= 1 &<< UInt64(target &>> 6)
        }
        occupiedWords = words
    }
}

extension EventQueue {
    /// Checks the radix-heap invariants; for tests. Every event sits in the bucket its key names
    /// relative to `last` (so it is later than `last`), each bucket knows its minimum, the
    /// occupancy bits, the count and the reserved room agree with the buckets, and sequences are
    /// below `nextSequence`.
    public func checkInvariants() -> Bool {
        var total = 0
        for b in 0..<Self.bucketCount {
            let bucket = buckets[b]
            let bit = occupied[b >> 6] >> UInt64(b & 63) & 1 == 1
            guard bit == (bucket.count > 0), bucket.count <= bucket.capacity else { return false }
            guard (occupiedWords >> UInt64(b >> 6) & 1 == 1) == (occupied[b >> 6] != 0) else { return false }
            for i in 0..<bucket.count {
                let event = bucket.base.unsafelyUnwrapped[i]
                let key = Self.timeKey(event.time)
                guard Self.bucket(key, event.sequence, lastTimeKey, lastSequence) == b,
                    key > lastTimeKey || (key == lastTimeKey && event.sequence > lastSequence),
                    event.sequence < nextSequence,
                    key > bucket.minTimeKey || (key == bucket.minTimeKey && event.sequence >= bucket.minSequence)
                else { return false }
            }
            if bucket.count > 0 {
                let minimum = bucket.base.unsafelyUnwrapped[bucket.minIndex]
                guard Self.timeKey(minimum.time) == bucket.minTimeKey, minimum.sequence == bucket.minSequence
                else { return false }
            }
            total += bucket.count
        }
        guard total == stored else { return false }
        var reserved = 0
        for b in 0..<Self.bucketCount { reserved += buckets[b].capacity }
        guard reserved == reservedEvents else { return false }
        return true
    }

    /// Bytes held by the buckets' buffers (capacity, not count); for benchmarks and tests.
    public var reservedBytes: Int {
        reservedEvents * MemoryLayout<Event>.stride
    }
}
