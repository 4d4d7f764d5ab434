/// The kernel's priority queue of events, ordered by `(time, sequence)`.
///
/// An implicit 4-ary min-heap over a contiguous array: half the depth of a binary heap and
/// children that share a cache line. `popMin` does not remove the minimum at once; it marks the
/// root as consumed and the next `push` overwrites it and sifts down (a fused pop-push). In a
/// discrete-event simulation almost every event schedules another, so most pops cost one sift
/// instead of two. The heap never allocates once its array has grown to the peak size.
///
/// - Complexity: `push` and `popMin` are O(log₄ n).
public struct EventQueue: Sendable {
    @usableFromInline var heap: [Event] = []
    /// The root was handed out by `popMin` and is logically gone.
    @usableFromInline var rootConsumed = false
    @usableFromInline var nextSequence: UInt64 = 0

    public init(reservingCapacity capacity: Int = 0) { heap.reserveCapacity(capacity) }

    /// Events waiting to fire.
    @inlinable public var count: Int { heap.count - (rootConsumed ? 1 : 0) }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The time of the next event, if any.
    @inlinable public var nextTime: Int64? {
        mutating get {
            settleRoot()
            return heap.first?.time
        }
    }

    /// Adds an event; events at the same time fire in the order they were pushed.
    @inlinable
    public mutating func push(time: Int64, target: Int32, kind: UInt32, payload: Int64) {
        let event = Event(time: time, sequence: nextSequence, target: target, kind: kind, payload: payload)
        nextSequence &+= 1
        if rootConsumed {
            rootConsumed = false
            heap.withUnsafeMutableBufferPointer { Self.siftDown(event, from: 0, in: $0) }
        } else {
            heap.append(event)
            heap.withUnsafeMutableBufferPointer { Self.siftUp(from: $0.count - 1, in: $0) }
        }
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popMin() -> Event? {
        settleRoot()
        guard let first = heap.first else { return nil }
        rootConsumed = true
        return first
    }

    /// Really removes a root that `popMin` consumed, when no push came to overwrite it.
    @inlinable @inline(__always)
    mutating func settleRoot() {
        guard rootConsumed else { return }
        rootConsumed = false
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap.withUnsafeMutableBufferPointer { Self.siftDown(last, from: 0, in: $0) }
        }
    }

    @inlinable @inline(__always)
    static func siftUp(from start: Int, in h: UnsafeMutableBufferPointer<Event>) {
        let moving = h[start]
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard Event.precedes(moving, h[parent]) else { break }
            h[hole] = h[parent]
            hole = parent
        }
        h[hole] = moving
    }

    /// Places `moving` at `start` and sinks it to its place (hole technique: one write per level).
    @inlinable @inline(__always)
    static func siftDown(_ moving: Event, from start: Int, in h: UnsafeMutableBufferPointer<Event>) {
        let n = h.count
        var hole = start
        while true {
            let first = 4 &* hole &+ 1
            if first >= n { break }
            var best = first
            let end = min(first &+ 4, n)
            var c = first &+ 1
            while c < end {
                if Event.precedes(h[c], h[best]) { best = c }
                c &+= 1
            }
            guard Event.precedes(h[best], moving) else { break }
            h[hole] = h[best]
            hole = best
        }
        h[hole] = moving
    }
}

extension EventQueue {
    /// Checks the heap property; for tests.
    public func checkInvariants() -> Bool {
        let start = rootConsumed ? 1 : 0
        for i in max(start, 1)..<max(heap.count, 1) where i < heap.count {
            let parent = (i - 1) >> 2
            if parent >= start && Event.precedes(heap[i], heap[parent]) { return false }
        }
        return true
    }
}
