/// The kernel's priority queue of events, ordered by `(time, sequence)`.
///
/// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) with 256-way digits over the 128-bit
/// key `(time, sequence)`. It relies on what a discrete-event simulation guarantees anyway:
/// nothing is scheduled before the event being handled, so keys only grow (a *monotone* priority
/// queue). The queue remembers the key of the last minimum, `last`. Cut a key into 16 bytes
/// (8 of time above 8 of sequence); an event waits in bucket `(p, d)`, where `p` is the highest
/// digit position in which its key differs from `last` and `d` its own digit there. Buckets in
/// `(p, d)` order hold increasing, disjoint key ranges. A push is an append to one bucket. A pop
/// takes the lowest non-empty bucket: its minimum (tracked on append) becomes `last`, and the
/// other events of that bucket move to buckets of lower positions. An event moves at most 15
/// times and, in a simulation, once or twice; the moves are sequential appends, so a large queue
/// stays cache-friendly where a binary heap walks a random path per operation.
///
/// A bucket is a linked list of fixed-size chunks drawn from a free list the queue owns, so the
/// room held is about the peak number of events, and once the queue has reached its peak it
/// never allocates. The type is non-copyable (it owns raw memory): no reference counting and no
/// uniqueness checks on the hot path. Sequences are unique, so ties in time fire in insertion
/// order and runs are reproducible.
///
/// - Precondition: an event is never pushed earlier than the last one popped (``Simulator``
///   already requires `time >= now`). Peeking (`nextTime`, `popMin(notAfter:)` returning nil)
///   moves nothing, so an event may still be pushed before a peeked one.
/// - Complexity: `push` O(1); `popMin` amortized O(key digits), O(1) in typical simulations.
public struct EventQueue: ~Copyable, @unchecked Sendable {
    /// 16 digit positions × 256 digit values; `buckets[p << 8 | d]` (8...15 time, 0...7 sequence).
    @usableFromInline let buckets: UnsafeMutablePointer<Bucket>
    /// Bit `i & 63` of word `i >> 6` is set when bucket `i` is non-empty.
    @usableFromInline let occupied: UnsafeMutablePointer<UInt64>
    /// Bit `w` is set when `occupied[w]` is non-zero.
    @usableFromInline var occupiedWords: UInt64 = 0
    /// The key of the last minimum popped (order-preserving time, sequence).
    @usableFromInline var lastTimeKey: UInt64 = 0
    @usableFromInline var lastSequence: UInt64 = 0
    /// Events in the queue.
    @usableFromInline var stored = 0
    /// Chunks not in any bucket, linked through their first slot.
    @usableFromInline var freeChunks: UnsafeMutablePointer<Event>? = nil
    /// Chunks allocated so far (in buckets or free).
    @usableFromInline var chunksAllocated = 0
    /// Starts at 1 so that every key is greater than the initial `last` (time key 0, sequence 0).
    @usableFromInline var nextSequence: UInt64 = 1

    @usableFromInline static var bucketCount: Int { 4096 }

    /// `capacity` events' worth of chunks are allocated up front.
    public init(reservingCapacity capacity: Int = 0) {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: Bucket(), count: Self.bucketCount)
        occupied = .allocate(capacity: Self.bucketCount / 64)
        occupied.initialize(repeating: 0, count: Self.bucketCount / 64)
        for _ in 0..<(max(capacity, 0) + Self.chunkEvents - 1) / Self.chunkEvents { releaseChain(Self.newChunk()) }
        chunksAllocated = (max(capacity, 0) + Self.chunkEvents - 1) / Self.chunkEvents
    }

    deinit {
        for b in 0..<Self.bucketCount { Self.deallocateChain(buckets[b].head) }
        Self.deallocateChain(freeChunks)
        buckets.deallocate()
        occupied.deallocate()
    }

    /// Events waiting to fire.
    @inlinable public var count: Int { stored }
    @inlinable public var isEmpty: Bool { stored == 0 }

    /// The time of the next event, if any. Peeking changes nothing.
    @inlinable public var nextTime: Int64? {
        guard stored > 0 else { return nil }
        return Self.time(fromKey: buckets[lowestOccupied].minTimeKey)
    }

    /// Adds an event; events at the same time fire in the order they were pushed.
    @inlinable
    public mutating func push(time: Int64, target: Int32, kind: UInt32, payload: Int64) {
        let timeKey = Self.timeKey(time)
        require(timeKey >= lastTimeKey, "EventQueue: pushed an event at \(time) ns, earlier than the last one popped")
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

extension EventQueue {
    /// Maps `Int64` order onto `UInt64` order, so keys compare digit by digit.
    @inlinable @inline(__always)
    static func timeKey(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) ^ (1 << 63) }

    @inlinable @inline(__always)
    static func time(fromKey key: UInt64) -> Int64 { Int64(bitPattern: key ^ (1 << 63)) }

    /// The bucket `p << 8 | d` of key `(timeKey, sequence)` relative to `last`: `p` is the highest
    /// byte position where they differ (8...15 in the time, 0...7 in the sequence) and `d` the
    /// key's byte there. Requires the key to be greater than `last`.
    @inlinable @inline(__always)
    static func bucket(_ timeKey: UInt64, _ sequence: UInt64, _ lastTimeKey: UInt64, _ lastSequence: UInt64) -> Int {
        let timeBits = timeKey ^ lastTimeKey
        if timeBits != 0 {
            let shift = (63 &- timeBits.leadingZeroBitCount) & ~7
            return (2048 &+ shift &<< 5) | Int(truncatingIfNeeded: (timeKey &>> UInt64(shift)) & 255)
        }
        let shift = (63 &- (sequence ^ lastSequence).leadingZeroBitCount) & ~7
        return (shift &<< 5) | Int(truncatingIfNeeded: (sequence &>> UInt64(shift)) & 255)
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

    /// Takes the minimum out of bucket `b`, the lowest non-empty one, and makes it `last`; the
    /// bucket's other events move to lower buckets and its chunks go back to the free list.
    @inlinable @inline(__always)
    mutating func takeMin(_ b: Int) -> Event {
        let bucket = buckets + b
        let taken = bucket.pointee
        bucket.pointee = Bucket()
        stored &-= 1
        clearOccupied(b)
        let minSlot = taken.minChunk.unsafelyUnwrapped + taken.minIndex
        lastTimeKey = taken.minTimeKey
        lastSequence = taken.minSequence
        let minEvent = minSlot.pointee
        if taken.count > 1 {
            redistribute(taken, skipping: minSlot)
        } else {
            Self.setNext(of: taken.head.unsafelyUnwrapped, freeChunks)  // one event, one chunk
            freeChunks = taken.head
        }
        return minEvent
    }

    /// Moves the events of an emptied bucket, except its minimum (now `last`, already copied
    /// out), to the buckets of lower positions; they never land in the bucket being read. Each
    /// chunk goes back to the free list as soon as it has been read, so the moved events can
    /// reuse it and a large bucket does not need twice its room.
    @inlinable
    mutating func redistribute(_ taken: Bucket, skipping minSlot: UnsafeMutablePointer<Event>) {
        let lastTime = lastTimeKey, lastSeq = lastSequence
        var words = occupiedWords
        var chunk = taken.head.unsafelyUnwrapped
        while true {
            let isTail = chunk == taken.tail.unsafelyUnwrapped
            let end = isTail ? taken.tailCount : Self.chunkEvents
            var slot = chunk + 1
            let stop = slot + end
            while slot < stop {
                if slot != minSlot {
                    let event = slot.pointee
                    let timeKey = Self.timeKey(event.time)
                    let target = Self.bucket(timeKey, event.sequence, lastTime, lastSeq)
                    append(event, timeKey, to: buckets + target)
                    occupied[target &>> 6] |= 1 &<< UInt64(target & 63)
                    words |= 1 &<< UInt64(target &>> 6)
                }
                slot += 1
            }
            let following = Self.next(of: chunk)
            Self.setNext(of: chunk, freeChunks)
            freeChunks = chunk
            if isTail { break }
            chunk = following.unsafelyUnwrapped
        }
        occupiedWords = words
    }
}
