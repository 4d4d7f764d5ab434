import CGSL

/// Pearson's chi-square goodness of fit of observed category counts against expected
/// probabilities, e.g. the number of failed components against the binomial.
///
/// Bins whose expected count is below 5 are pooled first from the upper tail inward, then from the
/// lower tail, then any interior stragglers into their smaller neighbour, so the chi-square
/// approximation holds (Cochran's rule). The p-value is `gsl_cdf_chisq_Q(X², bins − 1 − fitted)`.
public struct ChiSquareTest: Sendable, Equatable {
    /// `Σ (O − E)² / E` over the pooled bins.
    public let statistic: Double
    /// Degrees of freedom: pooled bins − 1 − fitted parameters.
    public let degreesOfFreedom: Int
    /// `P(χ² ≥ statistic)`.
    public let pValue: Double
    /// The pooled bins as (first category, last category, observed, expected).
    public let bins: [(first: Int, last: Int, observed: Double, expected: Double)]

    public static func == (a: ChiSquareTest, b: ChiSquareTest) -> Bool {
        a.statistic == b.statistic && a.degreesOfFreedom == b.degreesOfFreedom && a.pValue == b.pValue
    }

    /// - Parameters:
    ///   - observed: counts per category (independent samples).
    ///   - probabilities: the model's probability per category; they should sum to 1 (the last
    ///     category may be a remainder).
    ///   - fittedParameters: parameters estimated from the same data (0 when the model is given).
    public init(observed: [Int], probabilities: [Double], fittedParameters: Int = 0) throws(StatisticsError) {
        guard observed.count == probabilities.count, !observed.isEmpty else {
            throw .invalidInput("chi-square: expected as many probabilities as categories, found \(probabilities.count) and \(observed.count)")
        }
        guard observed.allSatisfy({ $0 >= 0 }), probabilities.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidInput("chi-square: expected counts ≥ 0 and finite probabilities ≥ 0")
        }
        let total = Double(observed.reduce(0, +))
        var bins = observed.indices.map { (first: $0, last: $0, observed: Double(observed[$0]), expected: total * probabilities[$0]) }
        Self.pool(&bins)
        let dof = bins.count - 1 - fittedParameters
        guard bins.count >= 2, dof >= 1 else { throw .tooFewBins(found: bins.count) }
        let x2 = bins.reduce(0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        GSL.prepare()
        self.statistic = x2
        self.degreesOfFreedom = dof
        self.pValue = gsl_cdf_chisq_Q(x2, Double(dof))
        self.bins = bins
    }

    private static let minimumExpected = 5.0

    private static func pool(_ bins: inout [(first: Int, last: Int, observed: Double, expected: Double)]) {
        func merge(_ i: Int, into j: Int) {
            bins[j] = (min(bins[i].first, bins[j].first), max(bins[i].last, bins[j].last),
                       bins[i].observed + bins[j].observed, bins[i].expected + bins[j].expected)
            bins.remove(at: i)
        }
        while bins.count > 1, bins[bins.count - 1].expected < minimumExpected { merge(bins.count - 1, into: bins.count - 2) }
        while bins.count > 1, bins[0].expected < minimumExpected { merge(0, into: 1) }
        while bins.count > 1, let i = bins.firstIndex(where: { $0.expected < minimumExpected }) {
            // Interior bin (the tails are fine now): merge into the smaller neighbour.
            let j = bins[i - 1].expected <= bins[i + 1].expected ? i - 1 : i + 1
            merge(i, into: j)
        }
    }
}
