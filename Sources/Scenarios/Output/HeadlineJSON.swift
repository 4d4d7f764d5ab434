import Reliability

/// The `"headline"` object of `summary.json` and `nines run --json`.
enum HeadlineJSON {
    /// Every number of the ``Headline``; an end that is unknown or unbounded is null (never
    /// "infinity": with no outage observed `nines` is null and `nines_interval[0]` is the lower bound).
    static func object(_ h: Headline) -> JSONValue {
        func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
        return .object([
            ("metric", .string(h.metric)),
            ("text", .string(h.text)),
            ("no_outage_observed", .bool(h.noOutageObserved)),
            ("availability", .number(h.availability)),
            ("unavailability", .number(h.unavailability)),
            ("interval", .array([.number(h.lower), number(h.upper)])),
            ("confidence", .number(h.confidence)),
            ("family_adjusted", .bool(h.familyAdjusted)),
            ("method", .string(h.method)),
            ("outages", .number(Double(h.outages))),
            ("observed_seconds", .number(h.observedSeconds)),
            ("nines", number(h.nines)),
            ("nines_interval", .array([number(h.ninesInterval.lower), number(h.ninesInterval.upper)])),
            ("downtime_minutes_per_year", .number(h.downtimeMinutesPerYear)),
            ("downtime_interval", .array([
                .number(h.downtimeMinutesPerYearInterval.lower), number(h.downtimeMinutesPerYearInterval.upper),
            ])),
            ("downtime_minutes_per_30_days", .number(h.downtimeMinutesPer30Days)),
            ("downtime_30_days_interval", .array([
                .number(h.downtimeMinutesPer30DaysInterval.lower), number(h.downtimeMinutesPer30DaysInterval.upper),
            ])),
        ])
    }
}
