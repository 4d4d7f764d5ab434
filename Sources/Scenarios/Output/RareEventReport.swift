import Foundation
import Reliability

/// How a rare-event result is written: the `"rare_event"` object of summary.json and the lines
/// `nines run` prints. Unavailability is also given as nines (−log₁₀ U) and as down time per year.
enum RareEventReport {
    static let method = "regenerative importance sampling, balanced failure biasing"
    static let minutesPerYear = 365.25 * 24 * 60

    static func json(_ r: RareEventResult) -> JSONValue {
        let u = r.estimate.unavailability
        let (lower, upper) = (max(0, u.lower), min(1, u.upper))
        func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        return .object([
            ("method", .string(method)), ("unavailability", .number(u.estimate)), ("ci_lower", .number(lower)),
            ("ci_upper", .number(upper)), ("confidence", .number(u.level)),
            ("relative_half_width", number(r.estimate.relativeHalfWidth)),
            ("nines", number(nines(u.estimate))), ("nines_interval", .array([number(nines(upper)), number(nines(lower))])),
            ("downtime_minutes_per_year", .number(u.estimate * minutesPerYear)),
            ("downtime_minutes_per_year_interval", .array([.number(lower * minutesPerYear), .number(upper * minutesPerYear)])),
            ("cycles", .number(Double(r.estimate.cycles))), ("batches", .number(Double(r.batches))),
            ("stopped_by", .string(r.stop.rawValue)),
            ("effective_sample_size", .number(r.estimate.effectiveSampleSize)),
            ("mean_likelihood_ratio", .number(r.estimate.meanLikelihoodRatio.estimate)),
            ("mean_likelihood_ratio_interval", .array([
                .number(r.estimate.meanLikelihoodRatio.lower), .number(r.estimate.meanLikelihoodRatio.upper),
            ])),
            ("mean_cycle_hours", .number(r.estimate.meanCycleLength / 3600)),
            ("all_up_failure_rate_per_hour", .number(r.allUpRate * 3600)), ("bias", .number(r.bias)),
            ("strata", .array(r.strata.map { stratum in
                .object([
                    ("first_failure_in", .string(stratum.name)), ("probability", .number(stratum.probability)),
                    ("cycles", .number(Double(stratum.cycles))),
                ])
            })),
            ("downtime_by_cause", DowntimeCauseReport.json(r.causes)),
        ])
    }

    static func lines(_ r: RareEventResult) -> [String] {
        let u = r.estimate.unavailability
        let level = NumberFormat.significant(u.level * 100, digits: 3)
        let e = r.estimate
        var lines = [
            "rare event (\(method)): U = \(n(u.estimate)) (\(level)% \(n(max(0, u.lower))) … \(n(u.upper)), "
                + "±\(n(e.relativeHalfWidth * 100))%), \(n(nines(u.estimate))) nines, "
                + "\(n(u.estimate * minutesPerYear)) min/year",
            "  \(e.cycles) cycles in \(r.batches) batches, stopped by \(r.stop.rawValue); effective sample size "
                + "\(n(e.effectiveSampleSize)); mean likelihood ratio \(n(e.meanLikelihoodRatio.estimate)) "
                + "(\(n(e.meanLikelihoodRatio.lower)) … \(n(e.meanLikelihoodRatio.upper))); bias q = \(r.bias)",
        ]
        if !r.strata.isEmpty {
            lines.append("  stratified by the first failure (Neyman allocation): " + r.strata.map {
                "\($0.name) p = \(n($0.probability)), \($0.cycles) cycles"
            }.joined(separator: "; "))
        }
        lines += DowntimeCauseReport.lines(r.causes).map { "  " + $0 }
        return lines
    }

    /// −log₁₀ U (infinite at U = 0).
    static func nines(_ u: Double) -> Double { u > 0 ? -log10(u) : .infinity }

    static func n(_ x: Double) -> String { NumberFormat.significant(x, digits: 4) }
}
