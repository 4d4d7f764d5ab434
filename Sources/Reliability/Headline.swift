import CGSL

/// The one statement a user asks Nines for: how unavailable the service was, with its interval,
/// its confidence level and the method behind it, and what that means in nines and in minutes of
/// downtime.
///
/// Everything is derived from the unavailability `U` (the small number) and its interval, never
/// from `1 − A`: `nines = −log₁₀ U`, downtime per year `= U · 525 960 min` (a year of 365.25 days),
/// per 30 days `= U · 43 200 min`. Lower and upper ends swap when going to nines: the upper end of
/// U gives the lower end of the nines.
///
/// With no outage observed, `U` is 0 and the headline says so: it gives the upper bound of U (see
/// ``noOutageUpperBound(observedSeconds:meanOutageSeconds:level:)``), a lower bound on the nines
/// and an upper bound on the downtime. It never states "∞ nines".
public struct Headline: Sendable, Equatable {
    /// The metric the headline is about, e.g. "service_availability".
    public let metric: String
    /// The point estimate of the unavailability: measured down time / measured time.
    public let unavailability: Double
    /// The interval on the unavailability, inside [0, 1]. The upper end is nil only when no outage
    /// was observed and nothing bounds their length (no failure model, no measured failover).
    public let lower: Double
    public let upper: Double?
    /// The confidence level of the interval, e.g. 0.95.
    public let confidence: Double
    /// Whether `confidence` is a family-wise (Bonferroni-adjusted) level. The headline is a single
    /// statement, so it is normally built at the scenario's level, not adjusted.
    public let familyAdjusted: Bool
    /// How the interval was computed, in words (e.g. "regenerative ratio over 41 outage cycles").
    public let method: String
    /// Outages observed in the measured time, over all replications.
    public let outages: Int
    /// The measured (post warm-up) time summed over all replications, in seconds.
    public let observedSeconds: Double

    /// Minutes in a year of 365.25 days (the convention of "nines" tables: 4 nines ≈ 52.6 min/year).
    public static let minutesPerYear = 525_960.0
    /// Minutes in 30 days.
    public static let minutesPer30Days = 43_200.0

    /// Builds a headline; `lower ≤ unavailability ≤ upper` inside [0, 1] is checked (a bug otherwise).
    public init(
        metric: String, unavailability: Double, lower: Double, upper: Double?, confidence: Double,
        familyAdjusted: Bool = false, method: String, outages: Int, observedSeconds: Double
    ) {
        precondition(confidence > 0 && confidence < 1, "confidence \(confidence) outside (0, 1)")
        precondition((0...1).contains(unavailability), "unavailability \(unavailability) outside [0, 1]")
        precondition(lower >= 0 && lower <= unavailability, "lower end \(lower) not in [0, U = \(unavailability)]")
        precondition(upper.map { $0 >= unavailability && $0 <= 1 } ?? true, "upper end \(upper ?? .nan) not in [U, 1]")
        precondition(outages >= 0 && observedSeconds >= 0)
        self.metric = metric
        self.unavailability = unavailability
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.familyAdjusted = familyAdjusted
        self.method = method
        self.outages = outages
        self.observedSeconds = observedSeconds
    }

    /// The availability `1 − U`.
    public var availability: Double { 1 - unavailability }
    /// True when the run saw no outage: `unavailability` is 0 and only `upper` says anything.
    public var noOutageObserved: Bool { outages == 0 || unavailability == 0 }

    /// `−log₁₀ U`; nil when U is 0 (no outage observed: see ``ninesInterval``'s lower end).
    public var nines: Double? { unavailability > 0 ? Self.nines(of: unavailability) : nil }
    /// The nines' interval, from U's upper end (fewest nines) to U's lower end (most nines). An end
    /// is nil where U's end is unknown (no upper bound) or 0 (the nines are unbounded above).
    public var ninesInterval: (lower: Double?, upper: Double?) {
        (upper.flatMap { $0 > 0 ? Self.nines(of: $0) : nil }, lower > 0 ? Self.nines(of: lower) : nil)
    }
    /// `−log₁₀ u`, with U = 1 giving 0 nines, not −0 (which would print as "-0").
    static func nines(of u: Double) -> Double { u >= 1 ? 0 : -log10(u) }
    /// Expected downtime per year (365.25 days), in minutes, with its interval.
    public var downtimeMinutesPerYear: Double { unavailability * Self.minutesPerYear }
    public var downtimeMinutesPerYearInterval: (lower: Double, upper: Double?) {
        (lower * Self.minutesPerYear, upper.map { $0 * Self.minutesPerYear })
    }
    /// Expected downtime per 30 days, in minutes, with its interval.
    public var downtimeMinutesPer30Days: Double { unavailability * Self.minutesPer30Days }
    public var downtimeMinutesPer30DaysInterval: (lower: Double, upper: Double?) {
        (lower * Self.minutesPer30Days, upper.map { $0 * Self.minutesPer30Days })
    }

    /// The level as words: "95%" or "95% family-wise".
    public var levelText: String {
        Self.percent(confidence) + (familyAdjusted ? " family-wise" : "")
    }

    /// One line for the top of every output, e.g.
    /// `service availability 0.99912: U = 0.00088 [0.00061 … 0.0012] (95%, regenerative …); 3.06 nines [2.92 … 3.21]; downtime 462 min/year [321 … 631], 38 min/30 days [26 … 52]`.
    public var text: String {
        let name = String(metric.map { $0 == "_" ? " " : $0 })
        let observed = "in " + Self.duration(observedSeconds) + " measured"
        guard !noOutageObserved else {
            guard let upper else {
                return "\(name): no outage observed \(observed); U is not bounded without an outage length (\(method))"
            }
            let minNines = ninesInterval.lower.map { "at least \(Self.g($0, 3)) nines" } ?? "no nines guaranteed"
            return "\(name): no outage observed \(observed); U ≤ \(Self.g(upper, 3)) (\(levelText) upper bound, \(method)); "
                + "\(minNines); downtime ≤ \(Self.amount(upper * Self.minutesPerYear)) min/year, "
                + "≤ \(Self.amount(upper * Self.minutesPer30Days)) min/30 days"
        }
        let u = "U = \(Self.g(unavailability, 3)) [\(Self.g(lower, 3)) … \(upper.map { Self.g($0, 3) } ?? "?")]"
        let n = ninesInterval
        // U's lower end at 0 leaves the nines unbounded above: say "at least", never "∞".
        let ninesText = n.upper.map { "\(Self.g(nines ?? 0, 3)) nines [\(n.lower.map { Self.g($0, 3) } ?? "?") … \(Self.g($0, 3))]" }
            ?? "\(Self.g(nines ?? 0, 3)) nines (at least \(n.lower.map { Self.g($0, 3) } ?? "?"))"
        let year = downtimeMinutesPerYearInterval, month = downtimeMinutesPer30DaysInterval
        return "\(name) \(Self.g(availability, 8)): \(u) (\(levelText), \(method)); \(ninesText); "
            + "downtime \(Self.amount(downtimeMinutesPerYear)) min/year [\(Self.amount(year.lower)) … \(year.upper.map(Self.amount) ?? "?")], "
            + "\(Self.amount(downtimeMinutesPer30Days)) min/30 days [\(Self.amount(month.lower)) … \(month.upper.map(Self.amount) ?? "?")]; "
            + "\(outages) outage\(outages == 1 ? "" : "s") \(observed)"
    }

    /// The upper bound of U when no outage was seen in `observedSeconds`: the upper end of the
    /// exact (Garwood) Poisson interval for 0 events, `−ln((1 − level)/2)` outages (3.69 at 95%),
    /// each lasting `meanOutageSeconds`, over the observed time; at most 1.
    ///
    /// The outage length cannot come from a run that saw none: the caller states where it came
    /// from (a model's mean outage, a measured failover) in the headline's method.
    public static func noOutageUpperBound(observedSeconds: Double, meanOutageSeconds: Double, level: Double) -> Double {
        precondition(observedSeconds > 0 && meanOutageSeconds >= 0 && level > 0 && level < 1)
        let outages = -log((1 - level) / 2)
        return min(1, outages * meanOutageSeconds / observedSeconds)
    }

    /// "95%", "99.5%": the level with as many digits as it needs.
    public static func percent(_ level: Double) -> String { g(level * 100, 6) + "%" }

    /// A readable span: seconds, hours, days or years.
    public static func duration(_ seconds: Double) -> String {
        if seconds >= 2 * 365.25 * 86_400 { return amount(seconds / (365.25 * 86_400)) + " years" }
        if seconds >= 2 * 86_400 { return amount(seconds / 86_400) + " d" }
        if seconds >= 2 * 3_600 { return amount(seconds / 3_600) + " h" }
        return amount(seconds) + " s"
    }

    /// Three significant digits, but whole numbers from 1000 up (3420, not 3.42e+03).
    static func amount(_ x: Double) -> String { x >= 1000 && x < 1e15 ? String(Int(x.rounded())) : g(x, 3) }

    /// `%.{digits}g` through ``NumberText``'s locale-free formatting.
    static func g(_ x: Double, _ digits: Int) -> String { NumberText.format(x, significantDigits: digits) }
}
