import CGSL

extension ConfidenceInterval {
    /// The Wilson score interval for a proportion, `successes` of `trials` Bernoulli trials
    /// (Wilson 1927; Agresti & Coull 1998): unlike `p̂ ± z·√(p̂(1−p̂)/n)` it stays inside [0, 1] and
    /// keeps its coverage when p̂ is 0 or 1, which is where failover coverage usually sits.
    ///
    /// The interval is symmetric about its centre `(p̂ + z²/2n)/(1 + z²/n)`, which is the
    /// `estimate` here; the proportion itself is `successes / trials`.
    public static func wilson(successes: Int, trials: Int, level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        try check(level)
        guard trials >= 1 else { throw .tooFewSamples(needed: 1, found: trials) }
        guard (0...trials).contains(successes) else {
            throw .invalidInput("Wilson interval: expected 0…\(trials) successes, found \(successes)")
        }
        GSL.prepare()
        let z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2)
        let n = Double(trials), p = Double(successes) / n, z2n = z * z / n
        let centre = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / n + z2n / (4 * n)).squareRoot()
        return ConfidenceInterval(estimate: centre, halfWidth: half, level: level, sampleCount: trials)
    }
}
