/// The type of a message, named once: what the trace prints and mixes into its digest, what a
/// send-triggered fault matches and what a scenario's `on_send_kind` names.
///
/// A kind is registered once, as a `static let` beside its message type, so the hot path never
/// builds or hashes a string: the name is static text and its stable hash (FNV-1a of the UTF-8
/// name, the same value the digest has always mixed) is computed when the constant is made. A kind
/// carried inside an envelope (a request the balancer proxies) is ``enveloped(in:)``: its hash
/// continues the envelope's, so it equals the hash of the joined name without joining strings.
public struct MessageKind: Hashable, Sendable, CustomStringConvertible {
    /// The envelope's name (e.g. "PROXIED:"), empty for a plain kind.
    private let envelope: StaticString
    /// The kind's own name, e.g. "PROPOSAL".
    private let base: StaticString
    /// FNV-1a of the full name: stable across processes and machines; enters the trace digest.
    public let hash: UInt64

    /// A plain kind named `name` (upper case by convention, e.g. "PROPOSAL").
    public init(_ name: StaticString) {
        envelope = ""
        base = name
        hash = Self.fnv1a(name, continuing: Self.fnv1aOffset)
    }

    /// The kind of a message carrying one of kind `self` inside `envelope`: named `envelope + name`.
    public func enveloped(in envelope: StaticString) -> MessageKind {
        precondition(self.envelope.utf8CodeUnitCount == 0, "a kind is enveloped once: \(self) in \(envelope)")
        return MessageKind(envelope: envelope, base: base)
    }

    private init(envelope: StaticString, base: StaticString) {
        self.envelope = envelope
        self.base = base
        hash = Self.fnv1a(base, continuing: Self.fnv1a(envelope, continuing: Self.fnv1aOffset))
    }

    /// The full name, as the trace prints it.
    public var name: String { envelope.description + base.description }
    public var description: String { name }

    public static func == (a: MessageKind, b: MessageKind) -> Bool { a.hash == b.hash && a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    private static let fnv1aOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// FNV-1a over `text`'s UTF-8 bytes from state `h`; equal to ``StableHash/fnv1a(_:)`` of the
    /// joined texts when chained from the offset basis.
    private static func fnv1a(_ text: StaticString, continuing h: UInt64) -> UInt64 {
        var h = h
        text.withUTF8Buffer { bytes in
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return h
    }
}
