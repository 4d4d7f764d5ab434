import Foundation
import Testing
@testable import Reliability

/// The estimator core on hand-computed values: balanced failure biasing's segments and their
/// likelihood ratios, and the ratio estimator with its delta-method interval.
@Suite struct RareEventEstimatorTests {
    /// The two kinds of segment and their likelihood ratios, by hand: rates [1e-3, 3e-3], horizon
    /// 10 = the scale (so the biased failure probability is q = 0.5 itself). F = 4e-3,
    /// P(failure before r) = 1 − e^{−0.04}.
    @Test func segmentsAndTheirLikelihoodRatios() throws {
        let b = try BalancedFailureBiasing(failureProbability: 0.5)
        let failing = -expm1(-0.04)
        // decide ≥ q: no failure, ratio e^{−F r}/(1 − q).
        let none = b.segment(trueRates: [1e-3, 3e-3], horizon: 10, scale: 10, decide: 0.7, which: 0.1, when: 0.5)
        #expect(none.failure == nil)
        expectClose(exp(none.logLikelihoodRatio), exp(-0.04) / 0.5, relative: 1e-14)
        // decide < q, which in the second half: component 1, ratio (λ₁/F)(1 − e^{−F r})·m/q.
        let fail = b.segment(trueRates: [1e-3, 3e-3], horizon: 10, scale: 10, decide: 0.2, which: 0.6, when: 0.5)
        #expect(fail.failure?.component == 1)
        expectClose(exp(fail.logLikelihoodRatio), 0.75 * failing * 2 / 0.5, relative: 1e-13)
        // The time is the truncated exponential's median at when = 0.5: −log(1 − 0.5(1 − e^{−0.04}))/F.
        expectClose(fail.failure!.after, -log(1 - 0.5 * failing) / 4e-3, relative: 1e-13)
        #expect(fail.failure!.after < 10)
        // A component that cannot fail is never chosen and does not count in m.
        let skip = b.segment(trueRates: [0, 2e-3], horizon: 1, scale: 1, decide: 0, which: 0, when: 0.1)
        #expect(skip.failure?.component == 1)
        // Nothing can fail: nothing biased.
        #expect(b.segment(trueRates: [0, 0], horizon: 1, scale: 1, decide: 0, which: 0, when: 0) == .init(failure: nil, logLikelihoodRatio: 0))
        for bad in [0.0, 1.0, .nan] {
            #expect(throws: ParameterError.self) { try BalancedFailureBiasing(failureProbability: bad) }
        }
    }

    /// The biased failure probability is q at the scale, grows with the horizon like the true
    /// one, and is capped at 0.9.
    @Test func failureProbabilityFollowsTheHorizon() throws {
        let b = try BalancedFailureBiasing(failureProbability: 0.5)
        expectClose(b.failureProbability(horizon: 2, scale: 2), 0.5, relative: 1e-15)
        expectClose(b.failureProbability(horizon: 1, scale: 2), 1 - 0.5.squareRoot(), relative: 1e-15)
        expectClose(b.failureProbability(horizon: 6, scale: 2), 0.875, relative: 1e-15)
        #expect(b.failureProbability(horizon: 100, scale: 2) == 0.9)
    }

    /// E′[L] = 1 over one segment, exactly: q·E′[L | failure] + (1−q)·E′[L | none]
    /// = (1 − e^{−F r}) + e^{−F r}, for any q (the time of the failure does not enter L).
    @Test(arguments: [0.3, 0.5, 0.8])
    func segmentWeightsAverageToOne(q: Double) throws {
        let b = try BalancedFailureBiasing(failureProbability: q)
        let rates = [1e-4, 5e-4, 2e-3]
        var mean = exp(b.segment(trueRates: rates, horizon: 7, scale: 7, decide: 0.99, which: 0, when: 0).logLikelihoodRatio) * (1 - q)
        for w in 0..<3 {
            let which = (Double(w) + 0.5) / 3
            mean += q / 3 * exp(b.segment(trueRates: rates, horizon: 7, scale: 7, decide: 0, which: which, when: 0.5).logLikelihoodRatio)
        }
        expectClose(mean, 1, relative: 1e-13)
    }

    /// Û = mean(DL) / (1/Λ + mean(RL)) and the delta-method half-width, by hand:
    /// DL = [0, 2, 1, 0], RL = [1, 4, 2, 1], 1/Λ = 10 → Û = 0.75/12 = 0.0625;
    /// Z = DL − Û(RL + 10) = [−0.6875, 1.125, 0.25, −0.6875], which has mean 0.
    @Test func ratioEstimatorByHand() throws {
        let cycles = [
            WeightedCycle(downtime: 0, returnTime: 2, likelihoodRatio: 0.5),
            WeightedCycle(downtime: 4, returnTime: 8, likelihoodRatio: 0.5),
            WeightedCycle(downtime: 1, returnTime: 2, likelihoodRatio: 1),
            WeightedCycle(downtime: 0, returnTime: 0.5, likelihoodRatio: 2),
        ]
        let e = try RareEventEstimator.estimate(cycles, allUpRate: 0.1, level: 0.95)
        #expect(e.unavailability.estimate == 0.0625)
        let z = [-0.6875, 1.125, 0.25, -0.6875]
        let mean = z.reduce(0, +) / 4
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3
        // Student's t with n − 1 = 3 degrees of freedom.
        let expected = 3.182446305284263 * variance.squareRoot() / (12 * 2)
        expectClose(e.unavailability.halfWidth, expected, relative: 1e-12)
        expectClose(e.relativeHalfWidth, expected / 0.0625, relative: 1e-12)
        // ESS = (ΣL)²/ΣL² = 16/5.5.
        expectClose(e.effectiveSampleSize, 16 / 5.5, relative: 1e-14)
        #expect(e.meanLikelihoodRatio.estimate == 1)
        #expect(e.meanCycleLength == 12)
        // Causes add up to the whole: parts of D·L = [0, 2, 1, 0].
        let a = try RareEventEstimator.ratio([0, 1.5, 1, 0], cycles, allUpRate: 0.1)
        let b = try RareEventEstimator.ratio([0, 0.5, 0, 0], cycles, allUpRate: 0.1)
        expectClose(a.estimate + b.estimate, 0.0625, relative: 1e-14)
        #expect(throws: StatisticsError.self) { try RareEventEstimator.estimate(Array(cycles.prefix(1)), allUpRate: 0.1) }
        #expect(throws: StatisticsError.self) { try RareEventEstimator.estimate(cycles, allUpRate: 0) }
    }

    /// Two strata by hand: p = (0.25, 0.75), 1/Λ = 10.
    /// Stratum 1: DL = [4, 0], RL = [4, 2]; stratum 2: DL = [0, 0, 2], RL = [1, 1, 1].
    /// Σ p·mean(DL) = 0.25·2 + 0.75·(2/3) = 1; Σ p·mean(RL) = 0.25·3 + 0.75·1 = 1.5 → Û = 1/11.5.
    @Test func stratifiedEstimatorByHand() throws {
        let strata = [
            RareEventStratum(probability: 0.25, cycles: [
                WeightedCycle(downtime: 8, returnTime: 8, likelihoodRatio: 0.5),
                WeightedCycle(downtime: 0, returnTime: 2, likelihoodRatio: 1),
            ]),
            RareEventStratum(probability: 0.75, cycles: [
                WeightedCycle(downtime: 0, returnTime: 1, likelihoodRatio: 1),
                WeightedCycle(downtime: 0, returnTime: 1, likelihoodRatio: 1),
                WeightedCycle(downtime: 2, returnTime: 1, likelihoodRatio: 1),
            ]),
        ]
        let e = try RareEventEstimator.estimate(strata: strata, allUpRate: 0.1, level: 0.95)
        let u = 1 / 11.5
        expectClose(e.unavailability.estimate, u, relative: 1e-14)
        #expect(e.meanCycleLength == 11.5)
        // Z = DL − Û(RL + 10) in each stratum; g_s = p²·Var(Z)/n; ν = (Σg)² / Σ g²/(n − 1).
        func variance(_ z: [Double]) -> Double {
            let m = z.reduce(0, +) / Double(z.count)
            return z.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(z.count - 1)
        }
        let g1 = 0.0625 * variance([4 - u * 14, 0 - u * 12]) / 2
        let g2 = 0.5625 * variance([-u * 11, -u * 11, 2 - u * 11]) / 3
        let nu = (g1 + g2) * (g1 + g2) / (g1 * g1 / 1 + g2 * g2 / 2)
        expectClose(e.degreesOfFreedom, nu, relative: 1e-12)
        let expected = ConfidenceInterval.tQuantile(0.95, degreesOfFreedom: nu) * (g1 + g2).squareRoot() / 11.5
        expectClose(e.unavailability.halfWidth, expected, relative: 1e-12)
        // The interval at another level keeps ν.
        expectClose(
            e.unavailability(at: 0.99).halfWidth,
            expected * ConfidenceInterval.tQuantile(0.99, degreesOfFreedom: nu) / ConfidenceInterval.tQuantile(0.95, degreesOfFreedom: nu),
            relative: 1e-12)
        // A stratum of one cycle, or probabilities that do not sum to 1, are refused.
        #expect(throws: StatisticsError.self) {
            try RareEventEstimator.estimate(strata: [strata[0], RareEventStratum(probability: 0.75, cycles: [strata[1].cycles[0]])], allUpRate: 0.1)
        }
        #expect(throws: StatisticsError.self) {
            try RareEventEstimator.estimate(strata: [strata[0], RareEventStratum(probability: 0.7, cycles: strata[1].cycles)], allUpRate: 0.1)
        }
    }

    /// Neyman allocation: n_s ∝ p·σ/√c over the totals, each stratum at least the minimum.
    @Test func neymanAllocationByHand() {
        // Weights p·σ/√c = 0.5·1/1, 0.25·4/2, 0.25·0/1 = 0.5, 0.5, 0 → totals 10 + 10 + 0 of 20;
        // counts (4, 2, 4) + 1 each: deficits 5, 7, 0 of a rest of 7 → 2.92, 4.08 → 3, 4.
        #expect(NeymanAllocation.allocate(
            batch: 10, counts: [4, 2, 4], probabilities: [0.5, 0.25, 0.25], deviations: [1, 4, 0], costs: [1, 4, 1])
            == [4, 5, 1])
        // Nothing measured yet: in proportion to p (totals 6, 3, 3), the minimum included.
        #expect(NeymanAllocation.allocate(
            batch: 12, counts: [0, 0, 0], probabilities: [0.5, 0.25, 0.25], deviations: [0, 0, 0], costs: [1, 1, 1], minimum: 2)
            == [6, 3, 3])
    }
}
