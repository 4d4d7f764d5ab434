/// One bucket of an ``EventQueue``: a linked list of chunks, and where its earliest event is
/// (kept up to date by `append`, so a pop needs no scan). A chunk holds `chunkEvents` events
/// after a first slot that links to the next chunk.
@usableFromInline
struct Bucket {
    @usableFromInline var head: UnsafeMutablePointer<Event>? = nil
    @usableFromInline var tail: UnsafeMutablePointer<Event>? = nil
    /// Events in the tail chunk; `chunkEvents` when there is none, so one test covers "no room".
    @usableFromInline var tailCount = EventQueue.chunkEvents
    @usableFromInline var count = 0
    @usableFromInline var minChunk: UnsafeMutablePointer<Event>? = nil
    @usableFromInline var minIndex = 0
    @usableFromInline var minTimeKey: UInt64 = 0
    @usableFromInline var minSequence: UInt64 = 0
    @usableFromInline init() {}
}

extension EventQueue {
    /// Slots per chunk (4 KiB), the first of which links to the next chunk.
    @usableFromInline static var chunkSlots: Int { 128 }
    @usableFromInline static var chunkEvents: Int { chunkSlots - 1 }

    @inlinable @inline(__always)
    static func next(of chunk: UnsafeMutablePointer<Event>) -> UnsafeMutablePointer<Event>? {
        UnsafeMutableRawPointer(chunk).load(as: UnsafeMutablePointer<Event>?.self)
    }

    @inlinable @inline(__always)
    static func setNext(of chunk: UnsafeMutablePointer<Event>, _ next: UnsafeMutablePointer<Event>?) {
        UnsafeMutableRawPointer(chunk).storeBytes(of: next, as: UnsafeMutablePointer<Event>?.self)
    }

    /// Appends `event` (whose time key is `timeKey`) to `bucket`, taking a chunk when the tail is full.
    @inlinable @inline(__always)
    mutating func append(_ event: Event, _ timeKey: UInt64, to bucket: UnsafeMutablePointer<Bucket>) {
        var n = bucket.pointee.tailCount
        if n == Self.chunkEvents {
            let chunk = takeChunk()
            if let tail = bucket.pointee.tail { Self.setNext(of: tail, chunk) } else { bucket.pointee.head = chunk }
            bucket.pointee.tail = chunk
            n = 0
        }
        let tail = bucket.pointee.tail.unsafelyUnwrapped
        (tail + (1 &+ n)).initialize(to: event)
        bucket.pointee.tailCount = n &+ 1
        let count = bucket.pointee.count
        bucket.pointee.count = count &+ 1
        if count == 0 || timeKey < bucket.pointee.minTimeKey
            || (timeKey == bucket.pointee.minTimeKey && event.sequence < bucket.pointee.minSequence)
        {
            bucket.pointee.minChunk = tail
            bucket.pointee.minIndex = 1 &+ n
            bucket.pointee.minTimeKey = timeKey
            bucket.pointee.minSequence = event.sequence
        }
    }

    /// A chunk from the free list, or a new one; its link is cleared.
    @inlinable @inline(__always)
    mutating func takeChunk() -> UnsafeMutablePointer<Event> {
        guard let chunk = freeChunks else {
            chunksAllocated &+= 1
            return Self.newChunk()
        }
        freeChunks = Self.next(of: chunk)
        Self.setNext(of: chunk, nil)
        return chunk
    }

    /// The cold path of `takeChunk`: the queue has not been this large before.
    @usableFromInline @inline(never)
    static func newChunk() -> UnsafeMutablePointer<Event> {
        let chunk = UnsafeMutablePointer<Event>.allocate(capacity: chunkSlots)
        setNext(of: chunk, nil)
        return chunk
    }

    /// Puts a chain of chunks (ending in nil) on the free list.
    mutating func releaseChain(_ first: UnsafeMutablePointer<Event>?) {
        var chunk = first
        while let c = chunk {
            chunk = Self.next(of: c)
            Self.setNext(of: c, freeChunks)
            freeChunks = c
        }
    }

    static func deallocateChain(_ first: UnsafeMutablePointer<Event>?) {
        var chunk = first
        while let c = chunk {
            chunk = next(of: c)
            c.deallocate()
        }
    }

    /// Bytes held in chunks (in use or free); for benchmarks and tests.
    public var reservedBytes: Int { chunksAllocated * Self.chunkSlots * MemoryLayout<Event>.stride }
}
