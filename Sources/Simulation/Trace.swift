/// One line of the structured trace.
public struct TraceRecord: Sendable, Equatable {
    /// True time of the record.
    public let time: SimTime
    /// The host it concerns, if any.
    public let host: HostID?
    /// A short stable name, e.g. "crash", "recv", "zab.elected".
    public let event: String
    /// Free text for people; not part of the digest when the record comes from the kernel.
    public let detail: String
}

/// The run's trace: a running digest of everything that happened, and optionally the records.
///
/// The digest is always kept, so two runs can be compared without recording; same scenario and
/// seed ⇒ same digest, in any process on any machine.
public struct Trace: Sendable {
    /// The running digest.
    public private(set) var digest: UInt64 = 0x243F_6A88_85A3_08D3
    /// The records, when recording is on.
    public private(set) var records: [TraceRecord] = []
    /// Whether records are kept (the digest is kept either way).
    public var isRecording: Bool

    public init(recording: Bool = false) { isRecording = recording }

    /// Mixes one 64-bit word into the digest (a SplitMix-style finaliser per word).
    mutating func mix(_ word: UInt64) {
        var h = (digest ^ word) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        digest = h ^ (h >> 32)
    }

    mutating func mix(_ text: String) { mix(StableHash.fnv1a(text)) }

    /// Mixes another digest into this one (combining the replications of a run, in order).
    public mutating func absorb(_ other: UInt64) { mix(other) }

    /// A trace event name with its hash computed once (the per-message names of the hot path).
    struct EventName {
        let text: String
        let hash: UInt64
        init(_ text: String) {
            self.text = text
            hash = StableHash.fnv1a(text)
        }
    }
    static let receive = EventName("recv")

    /// Records an event whose identity is its name and two numbers; `detail` is built only when recording.
    mutating func note(
        _ event: String, at time: SimTime, host: HostID?, _ a: Int64 = 0, _ b: Int64 = 0,
        detail: @autoclosure () -> String = ""
    ) {
        note(EventName(event), at: time, host: host, a, b, detail: detail())
    }

    mutating func note(
        _ event: EventName, at time: SimTime, host: HostID?, _ a: Int64 = 0, _ b: Int64 = 0,
        detail: @autoclosure () -> String = ""
    ) {
        mix(UInt64(bitPattern: time.nanoseconds))
        mix(UInt64(bitPattern: Int64(host?.index ?? -1)))
        mix(event.hash)
        mix(UInt64(bitPattern: a))
        mix(UInt64(bitPattern: b))
        if isRecording { records.append(TraceRecord(time: time, host: host, event: event.text, detail: detail())) }
    }

    /// Records an event whose detail is part of its identity (protocol traces).
    mutating func note(_ event: String, at time: SimTime, host: HostID?, text: String) {
        note(event, at: time, host: host, Int64(bitPattern: StableHash.fnv1a(text)), detail: text)
    }

    /// The digest as 16 hex digits.
    public var digestHex: String {
        let hex = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
