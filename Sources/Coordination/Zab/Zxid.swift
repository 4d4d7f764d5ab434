/// A ZooKeeper transaction id: the epoch of the leader that proposed it in the high 32 bits and a
/// counter within that epoch in the low 32 bits.
///
/// Ordering zxids as plain integers orders transactions first by epoch, then by position: a new
/// leader starts at `(e + 1, 0)`, so everything it proposes sorts after everything any earlier
/// leader could have proposed. That is what lets election compare histories by their last zxid.
public struct Zxid: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The packed value, `epoch << 32 | counter`.
    public let raw: Int64

    public init(raw: Int64) { self.raw = raw }
    public init(epoch: Int64, counter: Int64) {
        precondition(epoch >= 0 && counter >= 0 && counter <= 0xFFFF_FFFF, "zxid parts out of range")
        raw = epoch << 32 | counter
    }

    /// The zxid before any transaction.
    public static let zero = Zxid(raw: 0)

    public var epoch: Int64 { raw >> 32 }
    public var counter: Int64 { raw & 0xFFFF_FFFF }

    public static func < (a: Zxid, b: Zxid) -> Bool { a.raw < b.raw }
    public var description: String { "0x" + String(epoch, radix: 16) + ":" + String(counter) }
}
