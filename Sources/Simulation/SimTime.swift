/// A point in virtual time: nanoseconds since the start of the simulation.
///
/// Time is an integer so that runs are exact and reproducible; it never comes from `Date` or a
/// floating-point clock.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the simulation.
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of every simulation.
    public static let zero = SimTime(nanoseconds: 0)
    /// A time later than any event; used as "never".
    public static let distantFuture = SimTime(nanoseconds: .max)

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    /// Saturates at the ends of the clock: a delay drawn from a heavy-tailed distribution that
    /// reaches past the last representable instant means "never", not a time in the past.
    @inlinable public static func + (a: SimTime, d: SimDuration) -> SimTime {
        SimTime(nanoseconds: a.nanoseconds.saturatingAdd(d.nanoseconds))
    }
    @inlinable public static func - (a: SimTime, d: SimDuration) -> SimTime {
        SimTime(nanoseconds: a.nanoseconds &- d.nanoseconds)
    }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    @inlinable public static func += (a: inout SimTime, d: SimDuration) { a = a + d }

    /// Seconds since the start, for reports.
    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public var description: String { "t=" + SimDuration(nanoseconds: nanoseconds).description }
}

/// A span of virtual time in nanoseconds. Parses from and prints as "250ms", "2s", "15m", "4h", "365d".
public struct SimDuration: Hashable, Comparable, Sendable {
    /// The length in nanoseconds; may be negative (a backward clock jump).
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// A duration of `seconds`, rounded to the nearest nanosecond and clamped to the representable range.
    @inlinable public init(seconds: Double) {
        let ns = (seconds * 1e9).rounded()
        self.nanoseconds = ns >= 9.2e18 ? .max : (ns <= -9.2e18 ? .min : Int64(ns))
    }

    public static let zero = SimDuration(nanoseconds: 0)
    public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000) }
    public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000_000) }
    public static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }
    public static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3_600) }
    public static func days(_ n: Int64) -> SimDuration { .seconds(n * 86_400) }

    /// The length in seconds, for reports and analytic models.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    /// Sums and products saturate, like `SimTime + SimDuration`: two latencies of a century are "never".
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds.saturatingAdd(b.nanoseconds))
    }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
        let (product, overflow) = a.nanoseconds.multipliedReportingOverflow(by: k)
        return SimDuration(nanoseconds: overflow ? ((a.nanoseconds < 0) == (k < 0) ? .max : .min) : product)
    }
    @inlinable public static func / (a: SimDuration, k: Int64) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds / k)
    }
}

extension Int64 {
    /// `self + other`, held at `.max` or `.min` instead of wrapping.
    @inlinable @inline(__always)
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
