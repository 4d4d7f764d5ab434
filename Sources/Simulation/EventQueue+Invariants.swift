extension EventQueue {
    /// Checks the radix-heap invariants; for tests. Every event sits in the bucket its key names
    /// relative to `last` (so it is later than `last`); each bucket's chunk list, count and
    /// minimum agree with its events; the occupancy bits and the count agree with the buckets;
    /// every chunk is in exactly one bucket or the free list; sequences are below `nextSequence`.
    public func checkInvariants() -> Bool {
        var total = 0
        var chunks = 0
        for b in 0..<Self.bucketCount {
            let bucket = buckets[b]
            let bit = occupied[b >> 6] >> UInt64(b & 63) & 1 == 1
            guard bit == (bucket.count > 0) else { return false }
            guard (occupiedWords >> UInt64(b >> 6) & 1 == 1) == (occupied[b >> 6] != 0) else { return false }
            guard bucket.count > 0 else {
                guard bucket.head == nil, bucket.tail == nil, bucket.tailCount == Self.chunkEvents else { return false }
                continue
            }
            guard let minChunk = bucket.minChunk, bucket.minIndex >= 1, bucket.minIndex <= Self.chunkEvents
            else { return false }
            let minimum = minChunk[bucket.minIndex]
            guard Self.timeKey(minimum.time) == bucket.minTimeKey, minimum.sequence == bucket.minSequence else {
                return false
            }
            var seen = 0
            var chunk = bucket.head
            while let c = chunk {
                chunks += 1
                let isTail = c == bucket.tail
                let end = isTail ? bucket.tailCount : Self.chunkEvents
                guard end >= 1 || (isTail && end == 0) else { return false }
                for i in 1...max(end, 1) where i <= end {
                    let event = c[i]
                    let key = Self.timeKey(event.time)
                    guard Self.bucket(key, event.sequence, lastTimeKey, lastSequence) == b,
                        key > lastTimeKey || (key == lastTimeKey && event.sequence > lastSequence),
                        event.sequence < nextSequence,
                        key > bucket.minTimeKey || (key == bucket.minTimeKey && event.sequence >= bucket.minSequence)
                    else { return false }
                    seen += 1
                }
                if isTail {
                    guard Self.next(of: c) == nil else { return false }
                    break
                }
                chunk = Self.next(of: c)
            }
            guard seen == bucket.count else { return false }
            total += seen
        }
        guard total == stored else { return false }
        var chunk = freeChunks
        while let c = chunk {
            chunks += 1
            chunk = Self.next(of: c)
        }
        return chunks == chunksAllocated
    }
}
