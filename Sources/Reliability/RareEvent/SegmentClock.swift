import Foundation

/// The likelihood ratio of a ``BalancedFailureBiasing`` segment part-way through, before its
/// failure (if any) has come.
///
/// Over τ of a segment without a failure the true process survives with probability e^{−Fτ} and
/// the biased one with 1 − a(τ), where a(τ) = p′(1 − e^{−Fτ})/(1 − e^{−Fr}) (its failure comes
/// with probability p′, at a time with the exponential law truncated to [0, r)). So
/// `L(τ) = e^{−Fτ}/(1 − a(τ))`: 1 at the start, the segment's no-failure ratio e^{−Fr}/(1 − p′)
/// at τ = r, and at a failure it jumps to the failure ratio. L(τ) is the likelihood ratio of the
/// process observed up to τ (the protocols, which do not know a failure before it comes, are
/// the same under both measures), so a down time at τ is weighted by it rather than by the
/// cycle's final weight: E[∫ 1{down} dt] = E′[∫ 1{down}·L_t dt] (Glynn and Iglehart 1989,
/// "Importance sampling for stochastic simulations", Management Science 35(11); Heidelberger
/// 1995, §2). Failures biased *after* a down time then no longer spread its weight.
public struct SegmentClock: Sendable, Equatable {
    /// F, the total true failure rate of the components that can fail; 0: the same clocks under
    /// both measures (nothing biased), so L stays as it is.
    public var rate: Double
    /// r, the segment's length (time to the next repair completion).
    public var horizon: Double
    /// p′, the biased probability of a failure before r.
    public var biasedFailureProbability: Double

    /// No biasing: L constant over the segment.
    public static let unbiased = SegmentClock(rate: 0, horizon: .infinity, biasedFailureProbability: 0)

    public init(rate: Double, horizon: Double, biasedFailureProbability: Double) {
        precondition(rate >= 0 && rate.isFinite && horizon > 0, "rate \(rate), horizon \(horizon)")
        precondition(biasedFailureProbability >= 0 && biasedFailureProbability < 1, "p′ \(biasedFailureProbability)")
        self.rate = rate
        self.horizon = horizon
        self.biasedFailureProbability = biasedFailureProbability
    }

    /// a(τ): the biased probability of a failure before τ.
    private func biasedFailing(_ tau: Double) -> Double {
        guard rate > 0, biasedFailureProbability > 0, tau > 0 else { return 0 }
        return biasedFailureProbability * expm1(-rate * tau) / expm1(-rate * horizon)
    }

    private func check(_ tau: Double) {
        // Times reach here rounded to the kernel's nanoseconds.
        precondition(tau >= 0 && tau <= horizon + 1e-6, "τ = \(tau) outside the segment [0, \(horizon)]")
    }

    /// log L(τ), relative to the segment's start, while no failure has come.
    public func logLikelihoodRatio(after tau: Double) -> Double {
        check(tau)
        guard rate > 0 else { return 0 }
        let t = min(tau, horizon)
        return -rate * t - log1p(-biasedFailing(t))
    }

    /// ∫ L(u) du over [from, to] of the segment, relative to its start:
    /// `∫₀^τ L = −log(1 − a(τ))/a(τ) · (1 − e^{−Fτ})/F` (substitute y = 1 − a(u)).
    public func integratedLikelihoodRatio(from: Double, to: Double) -> Double {
        check(from)
        check(to)
        precondition(from <= to, "from \(from) after to \(to)")
        return primitive(min(to, horizon)) - primitive(min(from, horizon))
    }

    private func primitive(_ tau: Double) -> Double {
        guard rate > 0 else { return tau }
        let survival = -expm1(-rate * tau) / rate
        let a = biasedFailing(tau)
        return a > 0 ? -log1p(-a) / a * survival : survival
    }
}
