/// The part of a process's state that lives on disk and survives a crash.
///
/// Each protocol defines its own durable type out of ``SyncedLog`` and ``SyncedValue``; the kernel
/// keeps it across crashes and restarts and, when the fault says so, drops the writes that were
/// not yet synced (a lost disk cache) or the whole disk.
public protocol DurableState: AnyObject {
    /// Forget every write made since the last sync.
    func loseUnsyncedWrites()
}

/// A value on disk: what was written, and what was last synced.
public struct SyncedValue<Value>: Sendable where Value: Sendable {
    /// The value as the process last wrote it.
    public private(set) var current: Value
    private var synced: Value

    public init(_ value: Value) { current = value; synced = value }

    /// Writes a value; `sync: true` also makes it survive a loss of unsynced writes.
    public mutating func write(_ value: Value, sync: Bool = true) {
        current = value
        if sync { synced = value }
    }
    public mutating func sync() { synced = current }
    public mutating func loseUnsynced() { current = synced }
}

/// An append-only log on disk with a sync watermark, truncatable at the tail.
public struct SyncedLog<Entry>: Sendable where Entry: Sendable {
    /// Every entry written, in order.
    public private(set) var entries: [Entry] = []
    /// Entries before this index are synced.
    public private(set) var syncedCount = 0
    public init() {}

    public var count: Int { entries.count }
    public var last: Entry? { entries.last }

    public mutating func append(_ entry: Entry, sync: Bool = true) {
        entries.append(entry)
        if sync { syncedCount = entries.count }
    }
    public mutating func sync() { syncedCount = entries.count }
    /// Keeps only the first `count` entries (a truncation is itself synced).
    public mutating func truncate(to count: Int) {
        entries.removeSubrange(count...)
        syncedCount = min(syncedCount, count)
    }
    /// Removes the first `count` entries (after a snapshot makes them redundant).
    public mutating func dropPrefix(_ count: Int) {
        entries.removeFirst(count)
        syncedCount = max(0, syncedCount - count)
    }
    public mutating func loseUnsynced() { entries.removeSubrange(syncedCount...) }
}
