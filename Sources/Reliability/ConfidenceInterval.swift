import CGSL

/// A two-sided confidence interval `estimate ± halfWidth`.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The point estimate.
    public let estimate: Double
    /// Half the interval's width.
    public let halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// The number of independent observations (replications, batches or cycles) behind it.
    public let sampleCount: Int

    public init(estimate: Double, halfWidth: Double, level: Double, sampleCount: Int) {
        self.estimate = estimate
        self.halfWidth = halfWidth
        self.level = level
        self.sampleCount = sampleCount
    }

    public var lower: Double { estimate - halfWidth }
    public var upper: Double { estimate + halfWidth }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The Student-t interval over independent replications:
    /// `mean ± t_{R−1, 1−α/2} · s/√R` (`gsl_cdf_tdist_Pinv`).
    public static func studentT(_ samples: [Double], level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        try check(level)
        guard samples.count >= 2 else { throw .tooFewSamples(needed: 2, found: samples.count) }
        if let bad = samples.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: bad) }
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        // Two-pass variance: sums of squared deviations, no E[X²] − E[X]² cancellation.
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = tQuantile(level, degreesOfFreedom: n - 1) * (variance / n).squareRoot()
        return ConfidenceInterval(estimate: mean, halfWidth: half, level: level, sampleCount: samples.count)
    }

    /// `z_{(1+level)/2}`, the two-sided normal quantile (1.96 at 0.95).
    public static func normalQuantile(_ level: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_ugaussian_Pinv(0.5 + level / 2)
    }

    /// `t_{ν, (1+level)/2}`.
    public static func tQuantile(_ level: Double, degreesOfFreedom nu: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_tdist_Pinv(0.5 + level / 2, nu)
    }

    static func check(_ level: Double) throws(StatisticsError) {
        guard level > 0 && level < 1 else { throw .invalidLevel(level) }
    }
}
