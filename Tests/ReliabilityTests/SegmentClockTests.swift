import Foundation
import Testing
@testable import Reliability

/// The likelihood ratio part-way through a biased segment (``SegmentClock``): it starts at 1,
/// ends at the segment's no-failure ratio, and its integral is the closed form.
@Suite struct SegmentClockTests {
    /// F = 4e-3, r = 10, p′ = 0.5 (horizon = scale): L(r) = e^{−F r}/(1 − p′), as the segment says.
    @Test func endsAtTheNoFailureRatio() throws {
        let b = try BalancedFailureBiasing(failureProbability: 0.5)
        let none = b.segment(trueRates: [1e-3, 3e-3], horizon: 10, scale: 10, decide: 0.7, which: 0, when: 0)
        let clock = none.clock
        #expect(clock == SegmentClock(rate: 4e-3, horizon: 10, biasedFailureProbability: 0.5))
        #expect(clock.logLikelihoodRatio(after: 0) == 0)
        expectClose(clock.logLikelihoodRatio(after: 10), none.logLikelihoodRatio, relative: 1e-14)
        // Half-way: e^{−F r/2} / (1 − p′(1 − e^{−F r/2})/(1 − e^{−F r})).
        let half = exp(-0.02) / (1 - 0.5 * -expm1(-0.02) / -expm1(-0.04))
        expectClose(exp(clock.logLikelihoodRatio(after: 5)), half, relative: 1e-14)
        // A failing segment has the same clock until its failure.
        #expect(b.segment(trueRates: [1e-3, 3e-3], horizon: 10, scale: 10, decide: 0.1, which: 0, when: 0.5).clock == clock)
    }

    /// ∫ L over [a, b] against the trapezoid rule on 100,000 steps, for a short and a long
    /// segment (F r from 0.006 to 3) and p′ near the cap.
    @Test(arguments: [(1e-3, 6.0, 0.5), (2e-6, 7200.0, 0.9), (0.3, 10.0, 0.2)])
    func integralIsTheClosedForm(rate: Double, horizon: Double, p: Double) {
        let clock = SegmentClock(rate: rate, horizon: horizon, biasedFailureProbability: p)
        let (a, b) = (horizon * 0.1, horizon)
        let n = 100_000
        let h = (b - a) / Double(n)
        var sum = 0.0
        for i in 0...n {
            let w = i == 0 || i == n ? 0.5 : 1
            sum += w * exp(clock.logLikelihoodRatio(after: a + Double(i) * h))
        }
        expectClose(clock.integratedLikelihoodRatio(from: a, to: b), sum * h, relative: 1e-8)
    }

    /// Unbiased: L stays where it is and its integral is the time.
    @Test func unbiasedClockIsFlat() {
        #expect(SegmentClock.unbiased.logLikelihoodRatio(after: 1e6) == 0)
        #expect(SegmentClock.unbiased.integratedLikelihoodRatio(from: 2, to: 7.5) == 5.5)
    }

    /// E′[L at the end of the segment or at its failure] = 1 and, more to the point, E′[L(τ ∧ T)] = 1
    /// for any τ (a martingale): with no failure before τ the weight is L(τ), with a failure
    /// before τ its ratio. Here summed exactly over the biased law of the failure time.
    @Test(arguments: [0.0, 2.5, 7.0, 10.0])
    func likelihoodRatioIsAMartingale(tau: Double) throws {
        let b = try BalancedFailureBiasing(failureProbability: 0.5)
        let rates = [1e-2, 3e-2]
        let clock = b.segment(trueRates: rates, horizon: 10, scale: 10, decide: 0.9, which: 0, when: 0).clock
        let (f, r, p) = (0.04, 10.0, clock.biasedFailureProbability)
        // Biased P(failure before τ) = p′(1 − e^{−Fτ})/(1 − e^{−Fr}); each failure of j has ratio
        // (λ_j/F)(1 − e^{−Fr})·m/p′, chosen with probability 1/m.
        let failedBefore = p * -expm1(-f * tau) / -expm1(-f * r)
        let failureRatio = rates.map { $0 / f * -expm1(-f * r) * 2 / p }.reduce(0, +) / 2
        let mean = failedBefore * failureRatio + (1 - failedBefore) * exp(clock.logLikelihoodRatio(after: tau))
        expectClose(mean, 1, relative: 1e-13)
    }
}
