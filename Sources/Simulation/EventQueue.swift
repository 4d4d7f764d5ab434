/// The kernel's priority queue of events, ordered by `(time, sequence)`.
///
/// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) over the 128-bit key `(time, sequence)`.
/// It relies on what a discrete-event simulation guarantees anyway: nothing is scheduled before
/// the event being handled, so keys only grow (a *monotone* priority queue). The queue remembers
/// the key of the last minimum, `last`; an event waits in bucket `b`, where `b` is the position of
/// the highest bit in which its key differs from `last` (1...128; time bits above sequence bits).
/// A push is an append to one bucket. A pop takes the lowest non-empty bucket: a single event is
/// the minimum; otherwise the bucket's minimum becomes the new `last` and the rest move to lower
/// buckets. Each event moves at most 128 times and in practice a handful; the moves are
/// sequential appends, so a large queue stays cache-friendly where a binary heap walks a random
/// path per operation.
///
/// Sequences are unique, so ties in time fire in insertion order and runs are reproducible.
/// Once every bucket has grown to its peak, the queue never allocates. The buckets are raw
/// buffers the queue owns, so the type is non-copyable: no reference counting, no uniqueness
/// checks on the hot path.
///
/// - Precondition: an event is never pushed earlier than the last one popped (``Simulator``
///   already requires `time >= now`).
/// - Complexity: `push` O(1); `popMin` amortized O(key bits), O(1) in typical simulations.
public struct EventQueue: ~Copyable, @unchecked Sendable {
    /// `buckets[b]` for b in 1...128; bucket 0 stays empty.
    @usableFromInline let buckets: UnsafeMutablePointer<Bucket>
    /// Bit `b - 1` is set when bucket `b` (1...64) is non-empty.
    @usableFromInline var occupiedLow: UInt64 = 0
    /// Bit `b - 65` is set when bucket `b` (65...128) is non-empty.
    @usableFromInline var occupiedHigh: UInt64 = 0
    /// The key of the last minimum taken out of the buckets (order-preserving time, sequence).
    @usableFromInline var lastTimeKey: UInt64 = 0
    @usableFromInline var lastSequence: UInt64 = 0
    /// The minimum, taken out of the buckets by a peek (`nextTime`) but not yet popped.
    @usableFromInline var head = Event(time: 0, sequence: 0, target: 0, kind: 0, payload: 0)
    @usableFromInline var hasHead = false
    /// Events in the buckets (the head excluded).
    @usableFromInline var stored = 0
    /// Starts at 1 so that every key is greater than the initial `last` (time key 0, sequence 0).
    @usableFromInline var nextSequence: UInt64 = 1

    @usableFromInline static let bucketCount = 129

    public init(reservingCapacity capacity: Int = 0) {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: Bucket(), count: Self.bucketCount)
        // Events later than now land in the high (time) buckets.
        if capacity > 0 { Self.grow(buckets + 128, to: capacity) }
    }

    deinit {
        for b in 0..<Self.bucketCount { buckets[b].base?.deallocate() }
        buckets.deallocate()
    }

    /// Events waiting to fire.
    @inlinable public var count: Int { stored &+ (hasHead ? 1 : 0) }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The time of the next event, if any.
    @inlinable public var nextTime: Int64? {
        mutating get {
            if !hasHead {
                guard stored > 0 else { return nil }
                head = takeMin()
                hasHead = true
            }
            return head.time
        }
    }

    /// Adds an event; events at the same time fire in the order they were pushed.
    @inlinable
    public mutating func push(time: Int64, target: Int32, kind: UInt32, payload: Int64) {
        let timeKey = Self.timeKey(time)
        precondition(timeKey >= lastTimeKey, "EventQueue: pushed an event earlier than the last one popped")
        let event = Event(time: time, sequence: nextSequence, target: target, kind: kind, payload: payload)
        nextSequence &+= 1
        let b = Self.bucket(timeKey, event.sequence, lastTimeKey, lastSequence)
        Self.append(event, to: buckets + b)
        markOccupied(b)
        stored &+= 1
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popMin() -> Event? {
        if hasHead {
            hasHead = false
            return head
        }
        guard stored > 0 else { return nil }
        return takeMin()
    }

    /// Pops the earliest event if it fires at or before `limit`.
    @inlinable
    public mutating func popMin(notAfter limit: Int64) -> Event? {
        let event: Event
        if hasHead {
            event = head
            hasHead = false
        } else {
            guard stored > 0 else { return nil }
            event = takeMin()
        }
        guard event.time <= limit else {
            head = event
            hasHead = true
            return nil
        }
        return event
    }
}

/// One bucket: a growable buffer of events owned by its ``EventQueue``.
@usableFromInline
struct Bucket {
    @usableFromInline var base: UnsafeMutablePointer<Event>? = nil
    @usableFromInline var count = 0
    @usableFromInline var capacity = 0
    /// Index of the bucket's earliest event, kept up to date by `append`, so a pop needs no scan.
    @usableFromInline var minIndex = 0
    @usableFromInline init() {}
}

extension EventQueue {
    /// Maps `Int64` order onto `UInt64` order, so keys compare bit by bit.
    @inlinable @inline(__always)
    static func timeKey(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) ^ (1 << 63) }

    /// The bucket of key `(timeKey, sequence)` relative to `last`: 65...128 when the times
    /// differ, 1...64 when only the sequences do, 0 when the keys are equal.
    @inlinable @inline(__always)
    static func bucket(_ timeKey: UInt64, _ sequence: UInt64, _ lastTimeKey: UInt64, _ lastSequence: UInt64) -> Int {
        let timeBits = timeKey ^ lastTimeKey
        if timeBits != 0 { return 128 &- timeBits.leadingZeroBitCount }
        return 64 &- (sequence ^ lastSequence).leadingZeroBitCount
    }

    @inlinable @inline(__always)
    static func append(_ event: Event, to bucket: UnsafeMutablePointer<Bucket>) {
        let count = bucket.pointee.count
        if count == bucket.pointee.capacity { grow(bucket, to: bucket.pointee.capacity &* 2) }
        let base = bucket.pointee.base.unsafelyUnwrapped
        (base + count).initialize(to: event)
        if count == 0 || Event.precedes(event, base[bucket.pointee.minIndex]) { bucket.pointee.minIndex = count }
        bucket.pointee.count = count &+ 1
    }

    /// Gives `bucket` room for at least `capacity` events (at least 16); the cold path of `append`.
    @usableFromInline @inline(never)
    static func grow(_ bucket: UnsafeMutablePointer<Bucket>, to capacity: Int) {
        let newCapacity = max(capacity, 16)
        guard newCapacity > bucket.pointee.capacity else { return }
        let storage = UnsafeMutablePointer<Event>.allocate(capacity: newCapacity)
        if let old = bucket.pointee.base {
            storage.moveInitialize(from: old, count: bucket.pointee.count)
            old.deallocate()
        }
        bucket.pointee.base = storage
        bucket.pointee.capacity = newCapacity
    }

    @inlinable @inline(__always)
    mutating func markOccupied(_ b: Int) {
        if b > 64 { occupiedHigh |= 1 &<< UInt64(b &- 65) } else { occupiedLow |= 1 &<< UInt64(b &- 1) }
    }

    /// The lowest non-empty bucket; requires `stored > 0`.
    @inlinable @inline(__always)
    var lowestOccupied: Int {
        occupiedLow != 0 ? occupiedLow.trailingZeroBitCount &+ 1 : occupiedHigh.trailingZeroBitCount &+ 65
    }

    /// Takes the minimum out of the buckets and makes it `last`; requires `stored > 0`.
    @inlinable @inline(__always)
    mutating func takeMin() -> Event {
        let b = lowestOccupied
        let bucket = buckets + b
        stored &-= 1
        guard bucket.pointee.count == 1 else { return redistribute(bucket, b) }
        let event = bucket.pointee.base.unsafelyUnwrapped.pointee
        bucket.pointee.count = 0
        if b > 64 { occupiedHigh &= ~(1 &<< UInt64(b &- 65)) } else { occupiedLow &= ~(1 &<< UInt64(b &- 1)) }
        lastTimeKey = Self.timeKey(event.time)
        lastSequence = event.sequence
        return event
    }

    /// Empties bucket `b` (two or more events): its minimum becomes `last` and is returned, the
    /// others move to lower buckets (never to `b` itself, so the bucket is read in place).
    @inlinable
    mutating func redistribute(_ bucket: UnsafeMutablePointer<Bucket>, _ b: Int) -> Event {
        let events = bucket.pointee.base.unsafelyUnwrapped
        let n = bucket.pointee.count
        let best = bucket.pointee.minIndex
        let minEvent = events[best]
        let lastTime = Self.timeKey(minEvent.time), lastSeq = minEvent.sequence
        var low = occupiedLow, high = occupiedHigh
        if b > 64 { high &= ~(1 &<< UInt64(b &- 65)) } else { low &= ~(1 &<< UInt64(b &- 1)) }
        for i in 0..<n where i != best {
            let event = events[i]
            let target = Self.bucket(Self.timeKey(event.time), event.sequence, lastTime, lastSeq)
            Self.append(event, to: buckets + target)
            if target > 64 { high |= 1 &<< UInt64(target &- 65) } else { low |= 1 &<< UInt64(target &- 1) }
        }
        bucket.pointee.count = 0
        occupiedLow = low
        occupiedHigh = high
        lastTimeKey = lastTime
        lastSequence = lastSeq
        return minEvent
    }
}

extension EventQueue {
    /// Checks the radix-heap invariants; for tests. Every event sits in the bucket its key names
    /// relative to `last` (so it is later than `last`), the occupancy bits and the count agree with
    /// the buckets, the peeked head is `last` itself, and sequences are below `nextSequence`.
    public func checkInvariants() -> Bool {
        guard buckets[0].count == 0 else { return false }
        var total = 0
        for b in 1...128 {
            let bucket = buckets[b]
            let occupied = b > 64 ? occupiedHigh >> UInt64(b - 65) & 1 == 1 : occupiedLow >> UInt64(b - 1) & 1 == 1
            guard occupied == (bucket.count > 0), bucket.count <= bucket.capacity else { return false }
            if bucket.count > 0 {
                let events = bucket.base.unsafelyUnwrapped
                for i in 0..<bucket.count where Event.precedes(events[i], events[bucket.minIndex]) { return false }
            }
            for i in 0..<bucket.count {
                let event = bucket.base.unsafelyUnwrapped[i]
                guard Self.bucket(Self.timeKey(event.time), event.sequence, lastTimeKey, lastSequence) == b,
                    event.sequence < nextSequence
                else { return false }
            }
            total += bucket.count
        }
        guard total == stored else { return false }
        if hasHead {
            guard Self.timeKey(head.time) == lastTimeKey, head.sequence == lastSequence else { return false }
        }
        return true
    }

    /// Bytes held by the buckets' buffers (capacity, not count); for benchmarks and tests.
    public var reservedBytes: Int {
        var total = 0
        for b in 0..<Self.bucketCount { total += buckets[b].capacity }
        return total * MemoryLayout<Event>.stride
    }
}
