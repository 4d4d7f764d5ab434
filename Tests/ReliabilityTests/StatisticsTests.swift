import Testing
@testable import Reliability

/// Reference values from SciPy 1.x (`scipy.stats.t.ppf`, `chi2.sf`), checked by hand where short.
@Suite struct StatisticsTests {
    @Test func studentTIntervalMatchesHandComputation() throws {
        // mean 3, s² = 2.5, t_{4, 0.975} = 2.7764451051977934 → half = t · √2.5 / √5.
        let ci = try ConfidenceInterval.studentT([1, 2, 3, 4, 5], level: 0.95)
        #expect(ci.estimate == 3)
        expectClose(ci.halfWidth, 1.9632431614775572, relative: 1e-12)  // GSL vs SciPy quantile
        #expect(ci.contains(4.9) && !ci.contains(5))
        #expect(ci.sampleCount == 5)
        expectClose(ConfidenceInterval.tQuantile(0.99, degreesOfFreedom: 9), 3.249835541592126, relative: 1e-12)
        #expect(throws: StatisticsError.tooFewSamples(needed: 2, found: 1)) { try ConfidenceInterval.studentT([1]) }
        #expect(throws: StatisticsError.invalidLevel(1)) { try ConfidenceInterval.studentT([1, 2], level: 1) }
        #expect(throws: StatisticsError.nonFinite(index: 1)) { try ConfidenceInterval.studentT([1, .nan]) }
    }

    @Test func batchMeansDropTheWarmUpRemainder() throws {
        let xs = (1...20).map(Double.init)
        #expect(try BatchMeans.means(xs, batchCount: 4) == [3, 8, 13, 18])
        // 22 observations in 4 batches of 5: the first two are dropped as warm-up.
        #expect(try BatchMeans.means([100, 100] + xs, batchCount: 4) == [3, 8, 13, 18])
        let ci = try BatchMeans.interval(xs, batchCount: 4)
        expectClose(ci.halfWidth, 10.271301283802604, relative: 1e-12)
        #expect(throws: StatisticsError.self) { try BatchMeans.means(xs, batchCount: 1) }
    }

    @Test func regenerativeRatioEstimator() throws {
        // r = ΣY/Στ = 6.5/32; half = t_{3} · s_Z / (τ̄ √n) with Z = Y − rτ.
        let ci = try RegenerativeEstimator.interval(rewards: [2, 0.5, 1, 3], lengths: [10, 4, 6, 12])
        #expect(ci.estimate == 0.203125)
        expectClose(ci.halfWidth, 0.07813033157564876, relative: 1e-12)
        // Rewards exactly proportional to lengths: zero width, up to the co-moments' rounding
        // (s_Z² is a difference of terms of order 1 that cancel to ~1e-16, so s_Z ~ 1e-8).
        let exact = try RegenerativeEstimator.interval(rewards: [1, 2, 3], lengths: [10, 20, 30])
        #expect(exact.estimate == 0.1 && exact.halfWidth < 1e-7)
        #expect(throws: StatisticsError.self) { try RegenerativeEstimator.interval(rewards: [1], lengths: [1, 2]) }
    }

    @Test func chiSquareKnownCase() throws {
        // Uniform over 4 with counts 10, 20, 30, 40: X² = (225 + 25 + 25 + 225)/25 = 20, ν = 3.
        let test = try ChiSquareTest(observed: [10, 20, 30, 40], probabilities: [0.25, 0.25, 0.25, 0.25])
        #expect(test.statistic == 20 && test.degreesOfFreedom == 3)
        expectClose(test.pValue, 0.00016974243555282632, relative: 1e-10)
    }

    @Test func chiSquarePoolsTailsUntilExpectedCountsReachFive() throws {
        // Binomial(10, 0.1), 100 samples: expected 34.9, 38.7, 19.4, 5.74, 1.12, 0.15, … — the
        // upper tail 4…10 (1.28) pools into 3 (7.02), leaving 4 bins.
        let probabilities = try IndependentComponents(count: 10, downProbability: 0.1).stateProbabilities
        let observed = [35, 39, 19, 5, 2, 0, 0, 0, 0, 0, 0]
        let test = try ChiSquareTest(observed: observed, probabilities: probabilities)
        #expect(test.bins.map(\.first) == [0, 1, 2, 3] && test.bins.map(\.last) == [0, 1, 2, 10])
        #expect(test.bins.allSatisfy { $0.expected >= 5 })
        #expect(test.bins.last!.observed == 7)
        #expect(test.degreesOfFreedom == 3)
        #expect(test.pValue > 0.5)  // these counts are close to the model
        // Lower tail too: Binomial(10, 0.9) mirrored.
        let mirrored = try ChiSquareTest(observed: observed.reversed(), probabilities: probabilities.reversed())
        #expect(mirrored.bins.map(\.first) == [0, 8, 9, 10])
        expectClose(mirrored.statistic, test.statistic, relative: 1e-14)  // summed in the other order
        #expect(throws: StatisticsError.tooFewBins(found: 1)) {
            try ChiSquareTest(observed: [3, 1], probabilities: [0.5, 0.5])
        }
    }

    @Test func verdictIsThreeValuedAndBonferroniAdjusted() throws {
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 5, maxRelativeHalfWidth: 0.1)
        expectClose(policy.perComparisonLevel, 0.99, relative: 1e-15)
        let level = policy.perComparisonLevel
        func ci(_ estimate: Double, _ half: Double) -> ConfidenceInterval {
            ConfidenceInterval(estimate: estimate, halfWidth: half, level: level, sampleCount: 30)
        }
        #expect(policy.verdict(analytic: 1e-5, interval: ci(1.05e-5, 0.08e-5)) == .agrees)
        #expect(policy.verdict(analytic: 1e-5, interval: ci(1.2e-5, 0.1e-5)) == .disagrees)
        // Contains the value but ±50%: never called agreement.
        #expect(policy.verdict(analytic: 1e-5, interval: ci(1.2e-5, 0.5e-5)) == .inconclusive)
        // Outside a wide interval is still a disagreement.
        #expect(policy.verdict(analytic: 1e-5, interval: ci(9e-5, 5e-5)) == .disagrees)
        #expect(policy.verdict(analytic: 0, interval: ci(0, 0)) == .agrees)
        #expect(policy.verdict(analytic: 0, interval: ci(1e-9, 2e-9)) == .inconclusive)
        // From replications: the adjusted t quantile (ν = 9, 0.995) widens the interval.
        let reps = [0.99, 1.01, 1.0, 0.98, 1.02, 1.0, 0.99, 1.01, 1.0, 1.0]
        let (verdict, interval) = try policy.verdict(analytic: 1, replications: reps)
        #expect(verdict == .agrees && interval.level == level)
        let single = try ConfidenceInterval.studentT(reps, level: 0.95)
        expectClose(interval.halfWidth / single.halfWidth, 3.249835541592126 / 2.2621571627409915, relative: 1e-9)
    }
}

@Suite struct ZeroWidthVerdictTests {
    /// Replications that all saw the same value give a zero-width interval: a mismatch with the
    /// model is inconclusive, a match agrees, and a real interval that misses still disagrees.
    @Test func zeroWidthIntervalsNeverDisagree() throws {
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 1, maxRelativeHalfWidth: 0.1)
        let constant = try ConfidenceInterval.studentT([1, 1, 1], level: policy.perComparisonLevel)
        #expect(constant.halfWidth == 0)
        #expect(policy.verdict(analytic: 0.999, interval: constant) == .inconclusive)
        #expect(policy.verdict(analytic: 1, interval: constant) == .agrees)
        let spread = try ConfidenceInterval.studentT([1.0, 1.01, 0.99], level: policy.perComparisonLevel)
        #expect(policy.verdict(analytic: 2, interval: spread) == .disagrees)
    }
}

@Suite struct RatioSumsTests {
    /// Adding pairs one by one and merging two halves give the same ratio and interval as the
    /// textbook formula on the whole list (to rounding: 1e-12 relative).
    @Test func mergeEqualsAddingAndMatchesTheFormula() throws {
        let y = [2.0, 0.5, 1, 3, 0, 0.25, 4], t = [10.0, 4, 6, 12, 3, 5, 20]
        var all = RatioSums(), left = RatioSums(), right = RatioSums()
        for i in y.indices {
            all.add(reward: y[i], length: t[i])
            if i < 3 { left.add(reward: y[i], length: t[i]) } else { right.add(reward: y[i], length: t[i]) }
        }
        left.merge(right)
        let r = y.reduce(0, +) / t.reduce(0, +)
        let z = zip(y, t).map { $0 - r * $1 }
        let zMean = z.reduce(0, +) / 7
        let sZ = (z.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) } / 6).squareRoot()
        let half = 2.446_911_851 * sZ / (t.reduce(0, +) / 7 * 7.0.squareRoot())  // t_{6, 0.975}
        for sums in [all, left] {
            let ci = try sums.interval(level: 0.95)
            expectClose(ci.estimate, r, relative: 1e-12)
            expectClose(ci.halfWidth, half, relative: 1e-9)
        }
    }

    /// All-zero rewards: ratio 0, width 0; rebuilding from the stored fields gives the same sums.
    @Test func storedFieldsRoundTrip() throws {
        var s = RatioSums()
        s.add(reward: 0, length: 5)
        s.add(reward: 0, length: 7)
        #expect(try s.interval().halfWidth == 0 && s.ratio == 0)
        s.add(reward: 1, length: 2)
        let copy = try RatioSums(
            count: s.count, rewardTotal: s.rewardTotal, lengthTotal: s.lengthTotal, rewardMean: s.rewardMean,
            lengthMean: s.lengthMean, rewardSquares: s.rewardSquares, lengthSquares: s.lengthSquares,
            crossProducts: s.crossProducts)
        #expect(copy == s)
    }
}
