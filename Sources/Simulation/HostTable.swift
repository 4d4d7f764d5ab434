/// The host records, unretained, for the per-event paths: ``Simulator/hosts`` owns them and hosts
/// are never removed. Loading a record from that array retained and released it (and the array)
/// on every delivery, timer and timer set; a load from here is a plain read (see ``HandlerTable``).
struct HostTable: ~Copyable {
    private var entries = UnsafeMutablePointer<Unmanaged<HostRecord>>.allocate(capacity: 16)
    private var count = 0
    private var capacity = 16

    mutating func append(_ record: HostRecord) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Unmanaged<HostRecord>>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = grown
            capacity *= 2
        }
        (entries + count).initialize(to: .passUnretained(record))
        count += 1
    }

    deinit { entries.deallocate() }

    /// The record of host `index`, unretained (valid while the simulator lives).
    @inline(__always)
    subscript(index: Int) -> Unmanaged<HostRecord> {
        precondition(UInt(bitPattern: index) < UInt(count), "no host \(index)")
        return entries[index]
    }
}
