/// Does an empirical estimate agree with the analytic value? (docs/models.md)
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// The analytic value lies inside an interval tight enough to mean something.
    case agrees
    /// The analytic value lies outside the interval.
    case disagrees
    /// The interval contains the analytic value but is too wide to tell.
    case inconclusive
}

/// How verdicts are reached for a family of comparisons.
///
/// With `m` comparisons at family confidence `1 − α`, Bonferroni runs each at `1 − α/m`, so the
/// chance that *any* true agreement is called a disagreement stays at most α.
public struct VerdictPolicy: Sendable, Equatable {
    /// Family-wise confidence, e.g. 0.95.
    public let familyConfidence: Double
    /// The number of comparisons made together (metrics × models).
    public let comparisons: Int
    /// Largest `halfWidth / |analytic|` still called tight enough, e.g. 0.1 for ±10%.
    public let maxRelativeHalfWidth: Double

    public init(familyConfidence: Double = 0.95, comparisons: Int = 1, maxRelativeHalfWidth: Double = 0.1) {
        precondition(familyConfidence > 0 && familyConfidence < 1, "family confidence \(familyConfidence) outside (0, 1)")
        precondition(comparisons >= 1, "comparisons \(comparisons) < 1")
        precondition(maxRelativeHalfWidth > 0, "relative half-width threshold must be > 0")
        self.familyConfidence = familyConfidence
        self.comparisons = comparisons
        self.maxRelativeHalfWidth = maxRelativeHalfWidth
    }

    /// The confidence level each single interval must be built at: `1 − α/m`.
    public var perComparisonLevel: Double {
        1 - (1 - familyConfidence) / Double(comparisons)
    }

    /// The verdict for an interval built at ``perComparisonLevel``.
    ///
    /// Outside ⇒ disagrees, whatever the width. Inside but with `halfWidth / |analytic|` above the
    /// threshold ⇒ inconclusive: a wide interval is never called agreement. An analytic value of 0
    /// agrees only with a zero-width interval at 0. A zero-width interval elsewhere means every
    /// sample was the same (typically "never down" when failures are rare): it says nothing about
    /// the spread, so a mismatch is inconclusive, not a disagreement.
    public func verdict(analytic: Double, interval: ConfidenceInterval) -> Verdict {
        precondition(analytic.isFinite && interval.estimate.isFinite && interval.halfWidth.isFinite)
        precondition(
            abs(interval.level - perComparisonLevel) <= 1e-12,
            "interval level \(interval.level) is not the adjusted level \(perComparisonLevel)")
        if interval.halfWidth == 0 && interval.estimate != analytic { return .inconclusive }
        guard interval.contains(analytic) else { return .disagrees }
        let relative = analytic == 0 ? (interval.halfWidth == 0 ? 0 : .infinity) : interval.halfWidth / abs(analytic)
        return relative <= maxRelativeHalfWidth ? .agrees : .inconclusive
    }

    /// The verdict for independent replications: builds the adjusted Student-t interval first.
    public func verdict(analytic: Double, replications: [Double]) throws(StatisticsError) -> (Verdict, ConfidenceInterval) {
        let interval = try ConfidenceInterval.studentT(replications, level: perComparisonLevel)
        return (verdict(analytic: analytic, interval: interval), interval)
    }
}
