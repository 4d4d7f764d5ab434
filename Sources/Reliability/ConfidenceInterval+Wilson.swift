import CGSL

extension ConfidenceInterval {
    /// The Wilson score interval for a proportion, `successes` of `trials` Bernoulli trials
    /// (Wilson 1927; Agresti & Coull 1998): unlike `p̂ ± z·√(p̂(1−p̂)/n)` it stays inside [0, 1] and
    /// keeps its coverage when p̂ is 0 or 1, which is where failover coverage usually sits.
    ///
    /// The estimate is `successes / trials`. Each end is computed from the side where it is small,
    /// `upper(s, n) = 1 − lower(n − s, n)`, and the lower end of 0 successes is exactly 0: the
    /// centre ± half-width form rounded the upper end of n of n to 0.9999999999999999 (for 59 of
    /// the n ≤ 200), which decided a verdict against an assumed coverage of 1.
    public static func wilson(successes: Int, trials: Int, level: Double = 0.95) throws(StatisticsError) -> IntervalEstimate {
        try check(level)
        guard trials >= 1 else { throw .tooFewSamples(needed: 1, found: trials) }
        guard (0...trials).contains(successes) else {
            throw .invalidInput("Wilson interval: expected 0…\(trials) successes, found \(successes)")
        }
        let z = normalQuantile(level)
        let n = Double(trials)
        /// The lower end for `s` successes, never below 0.
        func lowerEnd(_ s: Int) -> Double {
            guard s > 0 else { return 0 }
            let p = Double(s) / n, z2n = z * z / n
            let centre = (p + z2n / 2) / (1 + z2n)
            let half = z / (1 + z2n) * (p * (1 - p) / n + z2n / (4 * n)).squareRoot()
            return max(0, centre - half)
        }
        let p = Double(successes) / n
        return IntervalEstimate(
            estimate: p, lower: min(p, lowerEnd(successes)), upper: max(p, 1 - lowerEnd(trials - successes)), level: level,
            method: "Wilson score interval over \(trials) trials", evidence: trials, evidenceNoun: "trials")
    }
}
