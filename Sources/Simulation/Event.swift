/// One entry of the event queue: plain data, so the hot path neither allocates nor dispatches
/// through an existential to compare events.
///
/// `target` names who handles the event (a registered ``EventHandler`` or a kernel service);
/// `kind` and `payload` mean whatever that handler chose when it scheduled the event.
@frozen public struct Event: Sendable {
    /// When the event fires, in virtual nanoseconds.
    public var time: Int64
    /// Insertion order; breaks ties between events at the same time.
    public var sequence: UInt64
    /// Who handles the event.
    public var target: Int32
    /// The handler's own event kind.
    public var kind: UInt32
    /// The handler's own payload (an index, an id, a small value).
    public var payload: Int64

    @inlinable
    public init(time: Int64, sequence: UInt64, target: Int32, kind: UInt32, payload: Int64) {
        self.time = time
        self.sequence = sequence
        self.target = target
        self.kind = kind
        self.payload = payload
    }

    /// Queue order: earlier time first, then earlier insertion.
    @inlinable @inline(__always)
    static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}
