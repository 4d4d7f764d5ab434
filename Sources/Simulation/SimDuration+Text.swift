/// A duration string that could not be read.
public struct DurationParseError: Error, Equatable, CustomStringConvertible {
    /// The text as the user wrote it.
    public let text: String
    public var description: String {
        "invalid duration \"\(text)\": expected a non-negative number followed by a unit "
            + "ns, us, ms, s, m, h or d (for example \"250ms\", \"2s\", \"15m\", \"4h\", \"365d\")"
    }
}

extension SimDuration: LosslessStringConvertible, CustomStringConvertible {
    /// The units a duration may be written in, largest first, with their length in nanoseconds.
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
        ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000), ("ns", 1),
    ]

    /// Reads "250ms", "2s", "1.5h", "365d". Fractions are allowed and rounded to the nanosecond.
    public init?(_ text: String) { try? self.init(parsing: text) }

    /// Reads a duration, throwing an error that quotes the text and lists the units.
    public init(parsing text: String) throws(DurationParseError) {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let suffix = String(trimmed.dropFirst(digits.count))
        guard !digits.isEmpty, let unit = Self.units.first(where: { $0.suffix == suffix }),
            let value = Double(digits), value.isFinite
        else { throw DurationParseError(text: text) }
        if let whole = Int64(digits) {
            let (product, overflow) = whole.multipliedReportingOverflow(by: unit.nanoseconds)
            guard !overflow else { throw DurationParseError(text: text) }
            self.init(nanoseconds: product)
        } else {
            let ns = (value * Double(unit.nanoseconds)).rounded()
            guard ns < 9.2e18 else { throw DurationParseError(text: text) }
            self.init(nanoseconds: Int64(ns))
        }
    }

    /// The largest unit that divides the duration exactly: 2_000_000_000 ns prints "2s", 1.5 s prints "1500ms".
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        for unit in Self.units where magnitude % UInt64(unit.nanoseconds) == 0 {
            return sign + String(magnitude / UInt64(unit.nanoseconds)) + unit.suffix
        }
        return sign + String(magnitude) + "ns"
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
