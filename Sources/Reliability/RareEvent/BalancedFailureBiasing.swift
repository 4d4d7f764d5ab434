import Foundation

/// Balanced failure biasing (Shahabuddin 1994, §3; Heidelberger 1995, §5.2) for components whose
/// times to failure are exponential and whose repairs may follow any distribution.
///
/// While something is in repair, the process is simulated in *segments*, each from a change of
/// state up to the next repair completion, `r` ahead (its time is known: the repair was drawn when
/// it started). In a segment the true process has a failure before `r` with probability
/// `1 − e^{−F r}` (F = Σλ_i over the up components), of component i with probability λ_i/F, at a
/// time with the exponential law truncated to [0, r). The biased process instead has a failure
/// with probability q (≈ 0.5), split evenly over the m components that can fail, at a time drawn
/// from the same truncated law. Segment likelihood ratios, true over biased:
///
/// - failure of i: `(λ_i/F)·(1 − e^{−F r}) · m/q`;
/// - no failure before r: `e^{−F r} / (1 − q)`.
///
/// Both are bounded, so a cycle's weight is bounded by the number of its segments, as in the
/// Markovian case. (Speeding up the failure *clocks* instead, so that the next event is a failure
/// with probability q, gives the weight `e^{(F′−F)s}` for a repair that took s; with F′ = μ·q/(1−q)
/// its second moment `μ/(μ−F′)` is infinite at q = 0.5: heavy-tailed weights and an estimate
/// that is low in practice.) In all-up nothing is biased. E′[L] = 1 either way.
public struct BalancedFailureBiasing: Sendable, Equatable {
    /// q, the probability that a segment ends in a failure rather than a repair, in (0, 1).
    public let failureProbability: Double

    /// - Throws: ``ParameterError`` unless 0 < q < 1.
    public init(failureProbability: Double = 0.5) throws(ParameterError) {
        guard failureProbability.isFinite, failureProbability > 0, failureProbability < 1 else {
            throw ParameterError(
                name: "q (failure biasing probability)", expected: "a probability in (0, 1)", found: "\(failureProbability)")
        }
        self.failureProbability = failureProbability
    }

    /// What happens in one segment under the biased measure.
    public struct Segment: Sendable, Equatable {
        /// The component that fails (an index into the rates given) and after how long; nil when
        /// no failure comes before the repair completes.
        public var failure: (component: Int, after: Double)?
        /// log of the segment's likelihood ratio (true over biased).
        public var logLikelihoodRatio: Double
        /// The segment's clocks, for its likelihood ratio part-way through (``SegmentClock``).
        public var clock = SegmentClock.unbiased

        public static func == (a: Self, b: Self) -> Bool {
            a.failure?.component == b.failure?.component && a.failure?.after == b.failure?.after
                && a.logLikelihoodRatio == b.logLikelihoodRatio && a.clock == b.clock
        }
    }

    /// The largest biased failure probability of a segment, so that the no-failure ratio
    /// `e^{−F r}/(1 − p′)` stays below 10.
    public static let maximumFailureProbability = 0.9

    /// The biased probability of a failure before the repair completes, r ahead: q for a
    /// repair of the typical length `scale`, more for longer ones and less for shorter ones, as
    /// the true probability does: `p′ = min(1 − (1 − q)^{r/scale}, 0.9)`.
    public func failureProbability(horizon: Double, scale: Double) -> Double {
        min(-expm1(log1p(-failureProbability) * horizon / scale), Self.maximumFailureProbability)
    }

    /// Draws one segment from three uniforms in [0, 1): `decide` (failure or not), `which` (the
    /// component) and `when` (its time in [0, horizon)).
    ///
    /// - Parameters:
    ///   - trueRates: λ_i of each component that is up (0: cannot fail).
    ///   - horizon: r > 0, the time until the next repair completes.
    ///   - scale: the typical repair time, 1/Σ(1/MTTR) over the repairs under way.
    public func segment(trueRates: [Double], horizon: Double, scale: Double, decide: Double, which: Double, when: Double)
        -> Segment
    {
        precondition(horizon > 0 && horizon.isFinite && scale > 0 && scale.isFinite, "horizon \(horizon), scale \(scale)")
        precondition(trueRates.allSatisfy { $0 >= 0 && $0.isFinite }, "rates \(trueRates)")
        let candidates = trueRates.indices.filter { trueRates[$0] > 0 }
        let total = candidates.reduce(0) { $0 + trueRates[$1] }
        guard !candidates.isEmpty else { return Segment(failure: nil, logLikelihoodRatio: 0) }
        let biased = failureProbability(horizon: horizon, scale: scale)
        let clock = SegmentClock(rate: total, horizon: horizon, biasedFailureProbability: biased)
        // P(a failure before r) = 1 − e^{−F r}, kept accurate when F r is tiny.
        let failing = -expm1(-total * horizon)
        guard decide < biased else {
            return Segment(failure: nil, logLikelihoodRatio: -total * horizon - log1p(-biased), clock: clock)
        }
        let m = candidates.count
        let component = candidates[min(m - 1, Int(which * Double(m)))]
        // Inverse of the exponential law truncated to [0, r): t = −log(1 − u(1 − e^{−F r}))/F.
        let after = min(-log1p(-when * failing) / total, horizon.nextDown)
        let ratio = log(trueRates[component] / total) + log(failing) + log(Double(m) / biased)
        return Segment(failure: (component, after), logLikelihoodRatio: ratio, clock: clock)
    }
}
