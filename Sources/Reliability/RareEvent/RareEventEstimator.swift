/// One regenerative cycle as the rare-event estimator sees it: what it cost and its weight.
public struct WeightedCycle: Sendable, Equatable {
    /// D, the down time in the cycle.
    public var downtime: Double
    /// R, the time from the cycle's first failure back to the settled all-up state.
    public var returnTime: Double
    /// L, the cycle's likelihood ratio (1 for a crude, unbiased cycle).
    public var likelihoodRatio: Double

    public init(downtime: Double, returnTime: Double, likelihoodRatio: Double) {
        self.downtime = downtime
        self.returnTime = returnTime
        self.likelihoodRatio = likelihoodRatio
    }
}

/// What the rare-event estimator concluded from n cycles.
public struct RareEventEstimate: Sendable, Equatable {
    /// U with its delta-method interval (normal quantile: n is in the hundreds at least).
    public var unavailability: ConfidenceInterval
    /// halfWidth / U; infinite while no cycle has seen down time.
    public var relativeHalfWidth: Double
    /// (Σ L)² / Σ L²: how many unweighted cycles the weighted ones are worth.
    public var effectiveSampleSize: Double
    /// The mean likelihood ratio with its interval; E′[L] = 1, so 1 should lie inside.
    public var meanLikelihoodRatio: ConfidenceInterval
    /// 1/Λ + mean(R·L), the estimated mean cycle length.
    public var meanCycleLength: Double
    public var cycles: Int { unavailability.sampleCount }
}

/// The regenerative importance-sampling estimator of unavailability (Heidelberger 1995, §4.2 and
/// §5; Goyal, Shahabuddin, Heidelberger, Nicola and Glynn 1992):
///
/// `Û = mean(D·L) / (1/Λ + mean(R·L))`, where the all-up sojourn, exponential with the total
/// failure rate Λ, is never simulated: its mean 1/Λ is known. The interval is the delta method on
/// the ratio: `σ² = Var(D·L − Û·(R·L + 1/Λ)) / (1/Λ + mean(R·L))²`, half-width `z·σ/√n`.
public enum RareEventEstimator {
    /// - Parameters:
    ///   - allUpRate: Λ, the total failure rate in the all-up state (per unit of D and R).
    /// - Throws: ``StatisticsError`` for fewer than 2 cycles, non-finite or negative values, Λ ≤ 0.
    public static func estimate(_ cycles: [WeightedCycle], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> RareEventEstimate
    {
        let unavailability = try ratio(cycles.map(\.downtime), cycles, allUpRate: allUpRate, level: level)
        let weights = cycles.map(\.likelihoodRatio)
        let sum = weights.reduce(0, +)
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        let meanWeight = try ConfidenceInterval.normal(weights, level: level)
        let estimate = unavailability.estimate
        return RareEventEstimate(
            unavailability: unavailability,
            relativeHalfWidth: estimate > 0 ? unavailability.halfWidth / estimate : .infinity,
            effectiveSampleSize: squares > 0 ? sum * sum / squares : 0,
            meanLikelihoodRatio: meanWeight,
            meanCycleLength: 1 / allUpRate + cycles.reduce(0) { $0 + $1.returnTime * $1.likelihoodRatio } / Double(cycles.count))
    }

    /// The same ratio with a part of each cycle's down time (one cause of it) in place of D: that
    /// cause's contribution to U, with its delta-method interval. Contributions add up to Û.
    public static func ratio(_ downtimes: [Double], _ cycles: [WeightedCycle], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        try ConfidenceInterval.check(level)
        guard downtimes.count == cycles.count else {
            throw .invalidInput("rare event: expected one down time per cycle, found \(downtimes.count) for \(cycles.count)")
        }
        guard cycles.count >= 2 else { throw .tooFewSamples(needed: 2, found: cycles.count) }
        guard allUpRate > 0 && allUpRate.isFinite else {
            throw .invalidInput("rare event: expected an all-up failure rate Λ > 0, found \(allUpRate)")
        }
        for (i, (d, c)) in zip(downtimes, cycles).enumerated() {
            guard [d, c.returnTime, c.likelihoodRatio].allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .nonFinite(index: i)
            }
        }
        let n = Double(cycles.count)
        let numerator = zip(downtimes, cycles).map { $0 * $1.likelihoodRatio }
        let returns = cycles.map { $0.returnTime * $0.likelihoodRatio }
        let denominator = 1 / allUpRate + returns.reduce(0, +) / n
        let u = numerator.reduce(0, +) / n / denominator
        // Z_i = D_i L_i − Û (R_i L_i + 1/Λ) has mean 0 at Û; its sample variance drives the interval.
        let z = zip(numerator, returns).map { $0 - u * ($1 + 1 / allUpRate) }
        let zMean = z.reduce(0, +) / n
        let variance = z.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) } / (n - 1)
        let half = ConfidenceInterval.normalQuantile(level) * variance.squareRoot() / (denominator * n.squareRoot())
        return ConfidenceInterval(estimate: u, halfWidth: half, level: level, sampleCount: cycles.count)
    }
}

extension ConfidenceInterval {
    /// The same normal interval at another level: the half-width scaled by the ratio of quantiles.
    public func normalRescaled(to level: Double) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "level \(level)")
        return ConfidenceInterval(
            estimate: estimate, halfWidth: halfWidth * Self.normalQuantile(level) / Self.normalQuantile(self.level),
            level: level, sampleCount: sampleCount)
    }

    /// `mean ± z · s/√n`, for many observations.
    static func normal(_ samples: [Double], level: Double) throws(StatisticsError) -> ConfidenceInterval {
        try check(level)
        guard samples.count >= 2 else { throw .tooFewSamples(needed: 2, found: samples.count) }
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return ConfidenceInterval(
            estimate: mean, halfWidth: normalQuantile(level) * (variance / n).squareRoot(), level: level,
            sampleCount: samples.count)
    }
}
