/// One regenerative cycle as the rare-event estimator sees it: what it cost and its weight.
public struct WeightedCycle: Sendable, Equatable {
    /// D, the down time in the cycle.
    public var downtime: Double
    /// R, the time from the cycle's first failure back to the settled all-up state.
    public var returnTime: Double
    /// L, the cycle's likelihood ratio at its end (1 for a crude, unbiased cycle).
    public var likelihoodRatio: Double
    /// The down time weighted by the likelihood ratio: D·L, or ∫ 1{down}·L_t dt with L_t the
    /// ratio of the process up to t (``SegmentClock``); both have the true mean E[D].
    public var weightedDowntime: Double
    /// R weighted likewise: R·L or ∫ L_t dt.
    public var weightedReturnTime: Double

    /// A cycle weighted as a whole: D·L and R·L.
    public init(downtime: Double, returnTime: Double, likelihoodRatio: Double) {
        self.init(
            downtime: downtime, returnTime: returnTime, likelihoodRatio: likelihoodRatio,
            weightedDowntime: downtime * likelihoodRatio, weightedReturnTime: returnTime * likelihoodRatio)
    }

    public init(downtime: Double, returnTime: Double, likelihoodRatio: Double, weightedDowntime: Double, weightedReturnTime: Double) {
        self.downtime = downtime
        self.returnTime = returnTime
        self.likelihoodRatio = likelihoodRatio
        self.weightedDowntime = weightedDowntime
        self.weightedReturnTime = weightedReturnTime
    }
}

/// What the rare-event estimator concluded from n cycles.
public struct RareEventEstimate: Sendable, Equatable {
    /// U with its delta-method interval.
    public var unavailability: ConfidenceInterval
    /// The interval's degrees of freedom (Welch–Satterthwaite over the strata; n − 1 for one).
    public var degreesOfFreedom: Double
    /// halfWidth / U; infinite while no cycle has seen down time.
    public var relativeHalfWidth: Double
    /// (Σ L)² / Σ L²: how many unweighted cycles the weighted ones are worth.
    public var effectiveSampleSize: Double
    /// The mean likelihood ratio with its interval; E′[L] = 1, so 1 should lie inside.
    public var meanLikelihoodRatio: ConfidenceInterval
    /// 1/Λ + mean(R·L), the estimated mean cycle length.
    public var meanCycleLength: Double
    public var cycles: Int { unavailability.sampleCount }

    /// The interval at another level, with the same degrees of freedom.
    public func unavailability(at level: Double) -> ConfidenceInterval {
        let u = unavailability
        return ConfidenceInterval(
            estimate: u.estimate,
            halfWidth: u.halfWidth * Self.quantile(level, degreesOfFreedom: degreesOfFreedom)
                / Self.quantile(u.level, degreesOfFreedom: degreesOfFreedom),
            level: level, sampleCount: u.sampleCount)
    }

    /// Student's t quantile of a two-sided interval, z when the degrees of freedom are infinite.
    static func quantile(_ level: Double, degreesOfFreedom: Double) -> Double {
        degreesOfFreedom.isFinite
            ? ConfidenceInterval.tQuantile(level, degreesOfFreedom: degreesOfFreedom) : ConfidenceInterval.normalQuantile(level)
    }
}

/// The regenerative importance-sampling estimator of unavailability (Heidelberger 1995, §4.2 and
/// §5; Goyal, Shahabuddin, Heidelberger, Nicola and Glynn 1992):
///
/// `Û = mean(D·L) / (1/Λ + mean(R·L))`, where the all-up sojourn, exponential with the total
/// failure rate Λ, is never simulated: its mean 1/Λ is known. The interval is the delta method on
/// the ratio: `σ² = Var(D·L − Û·(R·L + 1/Λ)) / (1/Λ + mean(R·L))²`, half-width `z·σ/√n`. D·L and
/// R·L stand for each cycle's ``WeightedCycle/weightedDowntime`` and
/// ``WeightedCycle/weightedReturnTime`` (the whole cycle's weight, or the weight up to each moment).
///
/// Stratified by the first failure (``RareEventStratum``), each mean becomes `Σ_s p_s·mean_s` and
/// the variance `Σ_s p_s²·Var_s(D·L − Û·(R·L + 1/Λ)) / n_s / (1/Λ + Σ_s p_s·mean_s(R·L))²`; one
/// stratum of probability 1 is the plain estimator. The quantile is Student's t with the
/// Welch–Satterthwaite degrees of freedom (n − 1 for one stratum, so z for many cycles).
public enum RareEventEstimator {
    /// - Parameters:
    ///   - allUpRate: Λ, the total failure rate in the all-up state (per unit of D and R).
    /// - Throws: ``StatisticsError`` for fewer than 2 cycles, non-finite or negative values, Λ ≤ 0.
    public static func estimate(_ cycles: [WeightedCycle], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> RareEventEstimate
    {
        try estimate(strata: [RareEventStratum(probability: 1, cycles: cycles)], allUpRate: allUpRate, level: level)
    }

    /// The stratified estimate; the effective sample size and the mean likelihood ratio pool every
    /// cycle (E′[L] = 1 in each stratum, since the biasing starts after the first failure).
    ///
    /// - Throws: ``StatisticsError`` as ``estimate(_:allUpRate:level:)``, for a stratum with fewer
    ///   than 2 cycles, or probabilities that are not positive or do not sum to 1.
    public static func estimate(strata: [RareEventStratum], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> RareEventEstimate
    {
        let (unavailability, degrees) = try interval(
            strata.map { $0.cycles.map(\.weightedDowntime) }, strata, allUpRate: allUpRate, level: level)
        let weights = strata.flatMap { $0.cycles.map(\.likelihoodRatio) }
        let sum = weights.reduce(0, +)
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        let meanWeight = try ConfidenceInterval.normal(weights, level: level)
        let estimate = unavailability.estimate
        return RareEventEstimate(
            unavailability: unavailability, degreesOfFreedom: degrees,
            relativeHalfWidth: estimate > 0 ? unavailability.halfWidth / estimate : .infinity,
            effectiveSampleSize: squares > 0 ? sum * sum / squares : 0,
            meanLikelihoodRatio: meanWeight,
            meanCycleLength: 1 / allUpRate + strata.reduce(0) { $0 + $1.probability * mean($1.cycles.map(\.weightedReturnTime)) })
    }

    /// The same ratio with a part of each cycle's weighted down time (one cause of it) in place
    /// of D·L: that cause's contribution to U, with its delta-method interval. Contributions add
    /// up to Û.
    public static func ratio(_ weightedDowntimes: [Double], _ cycles: [WeightedCycle], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        try ratio([weightedDowntimes], [RareEventStratum(probability: 1, cycles: cycles)], allUpRate: allUpRate, level: level)
    }

    /// The stratified ratio with a part of each cycle's weighted down time, stratum by stratum.
    public static func ratio(_ weightedDowntimes: [[Double]], _ strata: [RareEventStratum], allUpRate: Double, level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        try interval(weightedDowntimes, strata, allUpRate: allUpRate, level: level).interval
    }

    /// The interval with its Welch–Satterthwaite degrees of freedom (Cochran 1977, §5.4): a
    /// stratum with few cycles widens the interval instead of passing for a large sample.
    private static func interval(_ weightedDowntimes: [[Double]], _ strata: [RareEventStratum], allUpRate: Double, level: Double)
        throws(StatisticsError) -> (interval: ConfidenceInterval, degreesOfFreedom: Double)
    {
        try ConfidenceInterval.check(level)
        let (u, denominator, deviations) = try terms(weightedDowntimes, strata, allUpRate: allUpRate)
        let parts = zip(strata, deviations).map { s, sigma in s.probability * s.probability * sigma * sigma / Double(s.cycles.count) }
        let variance = parts.reduce(0, +)
        let spread = zip(parts, strata).reduce(0.0) { $0 + $1.0 * $1.0 / Double($1.1.cycles.count - 1) }
        let degrees = spread > 0 ? variance * variance / spread : .infinity
        let half = RareEventEstimate.quantile(level, degreesOfFreedom: degrees) * variance.squareRoot() / denominator
        let count = strata.reduce(0) { $0 + $1.cycles.count }
        return (ConfidenceInterval(estimate: u, halfWidth: half, level: level, sampleCount: count), degrees)
    }

    /// σ_s, the standard deviation of a cycle's contribution D·L − Û·(R·L + 1/Λ) in each stratum:
    /// what Neyman allocation weighs.
    public static func deviations(strata: [RareEventStratum], allUpRate: Double) throws(StatisticsError) -> [Double] {
        try terms(strata.map { $0.cycles.map(\.weightedDowntime) }, strata, allUpRate: allUpRate).deviations
    }

    /// Û, its denominator 1/Λ + Σ p_s·mean_s(R·L), and σ_s in each stratum.
    private static func terms(_ weightedDowntimes: [[Double]], _ strata: [RareEventStratum], allUpRate: Double)
        throws(StatisticsError) -> (u: Double, denominator: Double, deviations: [Double])
    {
        try check(weightedDowntimes, strata, allUpRate: allUpRate)
        let (numerators, returns) = (weightedDowntimes, strata.map { $0.cycles.map(\.weightedReturnTime) })
        let denominator = 1 / allUpRate + zip(strata, returns).reduce(0) { $0 + $1.0.probability * mean($1.1) }
        let u = zip(strata, numerators).reduce(0) { $0 + $1.0.probability * mean($1.1) } / denominator
        // Z_i = D_i L_i − Û (R_i L_i + 1/Λ) has mean 0 at Û; its sample variance in each stratum
        // drives the interval.
        let deviations = zip(numerators, returns).map { numerator, r in
            let z = zip(numerator, r).map { $0 - u * ($1 + 1 / allUpRate) }
            let zMean = mean(z)
            return (z.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) } / Double(z.count - 1)).squareRoot()
        }
        return (u, denominator, deviations)
    }

    private static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    private static func check(_ weightedDowntimes: [[Double]], _ strata: [RareEventStratum], allUpRate: Double) throws(StatisticsError) {
        guard allUpRate > 0 && allUpRate.isFinite else {
            throw .invalidInput("rare event: expected an all-up failure rate Λ > 0, found \(allUpRate)")
        }
        let total = strata.reduce(0) { $0 + $1.probability }
        guard !strata.isEmpty, strata.allSatisfy({ $0.probability > 0 }), abs(total - 1) < 1e-9 else {
            throw .invalidInput("rare event: expected stratum probabilities > 0 summing to 1, found \(strata.map(\.probability))")
        }
        guard weightedDowntimes.map(\.count) == strata.map(\.cycles.count) else {
            throw .invalidInput(
                "rare event: expected one down time per cycle, found \(weightedDowntimes.map(\.count)) for \(strata.map(\.cycles.count))")
        }
        var index = 0
        for (d, s) in zip(weightedDowntimes, strata) {
            guard s.cycles.count >= 2 else { throw .tooFewSamples(needed: 2, found: s.cycles.count) }
            for (x, c) in zip(d, s.cycles) {
                guard [x, c.returnTime, c.likelihoodRatio, c.weightedReturnTime].allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                    throw .nonFinite(index: index)
                }
                index += 1
            }
        }
    }
}

extension ConfidenceInterval {
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
