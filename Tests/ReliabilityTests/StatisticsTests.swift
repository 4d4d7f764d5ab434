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
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 5, relativePrecision: 0.1)
        expectClose(policy.perComparisonLevel, 0.99, relative: 1e-15)
        let level = policy.perComparisonLevel
        func ci(_ estimate: Double, _ half: Double) -> IntervalEstimate {
            IntervalEstimate(
                estimate: estimate, lower: estimate - half, upper: estimate + half, level: level, method: "test",
                evidence: 100, evidenceNoun: "outages")
        }
        #expect(policy.judge(analytic: 1e-5, interval: ci(1.05e-5, 0.08e-5), isFraction: true).verdict == .agrees)
        #expect(policy.judge(analytic: 1e-5, interval: ci(1.2e-5, 0.1e-5), isFraction: true).verdict == .disagrees)
        // Contains the value but ±42%: never called agreement, and says what would settle it.
        let wide = policy.judge(analytic: 1e-5, interval: ci(1.2e-5, 0.5e-5), isFraction: true)
        #expect(wide.verdict == .inconclusive)
        #expect(wide.reason == "saw 100 outages, ±41.7%; about 1737 needed for ±10%, ≈ 17× the simulated time", "\(wide.reason ?? "")")
        // Outside a wide interval is still a disagreement.
        #expect(policy.judge(analytic: 1e-5, interval: ci(9e-5, 5e-5), isFraction: true).verdict == .disagrees)
        #expect(policy.judge(analytic: 0, interval: ci(0, 0), isFraction: true).verdict == .agrees)
        #expect(policy.judge(analytic: 0, interval: ci(1e-9, 2e-9), isFraction: true).verdict == .inconclusive)
    }

    /// Regression (issue 13): quickstart's availability 0.989 in [0.952, 1] "agreed" because the
    /// width was compared with the availability (~1). Judged on the unavailability, the same
    /// interval is inconclusive, exactly like the unavailability's own row.
    @Test func availabilityIsJudgedOnItsUnavailability() {
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 1, relativePrecision: 0.25)
        let u = IntervalEstimate(
            estimate: 0.011, lower: 0, upper: 0.048, level: 0.95, method: "t", evidence: 4, evidenceNoun: "replications")
        for analytic in [0.0114, 0.005, 0.02] {
            let a = policy.judge(analytic: 1 - analytic, interval: u.complement, isFraction: true)
            let b = policy.judge(analytic: analytic, interval: u, isFraction: true)
            #expect(a == b && a.verdict == .inconclusive, "\(analytic): \(a) vs \(b)")
        }
    }

    /// No outage seen: inconclusive, with crude Monte Carlo's 2z²/ε² outages as what is needed.
    @Test func noEvidenceIsInconclusive() {
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 1, relativePrecision: 0.25)
        let none = IntervalEstimate(estimate: 0, lower: 0, upper: 0, level: 0.95, method: "none", evidence: 0, evidenceNoun: "outages")
        let j = policy.judge(analytic: 1e-5, interval: none, isFraction: true)
        #expect(j.verdict == .inconclusive && j.reason == "saw no outages; about 123 needed for ±25%", "\(j.reason ?? "")")
    }
}

@Suite struct ZeroWidthVerdictTests {
    /// Replications that all saw the same value give a zero-width interval: a mismatch with the
    /// model is inconclusive, a match agrees, and a real interval that misses still disagrees.
    @Test func zeroWidthIntervalsNeverDisagree() throws {
        let policy = VerdictPolicy(familyConfidence: 0.95, comparisons: 1, relativePrecision: 0.1)
        func t(_ values: [Double]) throws -> IntervalEstimate {
            let ci = try ConfidenceInterval.studentT(values, level: policy.perComparisonLevel)
            return IntervalEstimate(
                estimate: ci.estimate, lower: ci.lower, upper: ci.upper, level: ci.level, method: "t", evidence: 3,
                evidenceNoun: "replications")
        }
        let constant = try t([1, 1, 1])
        #expect(policy.judge(analytic: 0.999, interval: constant, isFraction: true).verdict == .inconclusive)
        #expect(policy.judge(analytic: 1, interval: constant, isFraction: true).verdict == .agrees)
        #expect(policy.judge(analytic: 2, interval: try t([1.0, 1.01, 0.99]), isFraction: false).verdict == .disagrees)
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
