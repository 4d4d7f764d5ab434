import CGSL

/// `n` identical independent components, each down with probability `p` (one crew each).
///
/// Unavailabilities are sums of the binomial terms for the down states, never `1 − A`: at
/// `p = 1e-6` a majority of 3 is down with probability ≈ 3e-12, which `1 − A` would return as noise.
public struct IndependentComponents: Sendable, Equatable {
    /// The number of components, ≥ 1.
    public let count: Int
    /// The probability that one component is down, in [0, 1].
    public let downProbability: Double

    /// - Throws: ``ParameterError`` for `count` outside 1…2³²−1 or `p` outside [0, 1].
    public init(count: Int, downProbability: Double) throws(ParameterError) {
        self.count = try ParameterCheck.integer(count, in: 1...Int(UInt32.max), name: "n (component count)")
        self.downProbability = try ParameterCheck.probability(downProbability, name: "p (down probability)")
    }

    /// `(1 − p)^n`, as `exp(n log1p(−p))`.
    public var allUpProbability: Double {
        downProbability == 1 ? 0 : exp(Double(count) * log1p(-downProbability))
    }

    /// `1 − (1 − p)^n`, as `−expm1(n log1p(−p))`.
    public var anyDownProbability: Double {
        downProbability == 1 ? 1 : -expm1(Double(count) * log1p(-downProbability))
    }

    /// `P(exactly k down) = C(n,k) p^k (1−p)^{n−k}`.
    ///
    /// `gsl_ran_binomial_pdf` works in logarithms, `exp(ln C + k ln p + …)`, whose relative error is
    /// ε times the size of the exponent (≈ 1e-14 at p = 1e-6). For n ≤ 170, where GSL's factorial
    /// table makes `gsl_sf_choose` exact to a few ulps, the factors are multiplied directly instead;
    /// larger n, or a product that leaves the normal range, fall back to GSL's pdf.
    public func probability(down k: Int) -> Double {
        precondition((0...count).contains(k), "k = \(k) outside 0...\(count)")
        GSL.prepare()
        let (n, p) = (count, downProbability)
        if n <= 170 && p > 0 && p < 1 {
            let direct =
                gsl_sf_choose(UInt32(n), UInt32(k)) * gsl_sf_pow_int(p, Int32(k)) * exp(Double(n - k) * log1p(-p))
            if direct.isNormal { return direct }
        }
        return gsl_ran_binomial_pdf(UInt32(k), p, UInt32(n))
    }

    /// `P(k down)` for `k = 0…n`.
    public var stateProbabilities: [Double] {
        (0...count).map(probability(down:))
    }

    /// `P(at least k of n up) = Σ_{j=k}^{n} C(n,j)(1−p)^j p^{n−j}`.
    public func availability(atLeast k: Int) -> Double {
        precondition((0...count).contains(k), "k = \(k) outside 0...\(count)")
        return (0...(count - k)).reduce(0) { $0 + probability(down: $1) }
    }

    /// `P(fewer than k of n up)`, summed from the terms with more than `n − k` down.
    public func unavailability(atLeast k: Int) -> Double {
        precondition((0...count).contains(k), "k = \(k) outside 0...\(count)")
        if k == 0 { return 0 }
        // Sum the smallest terms first.
        return stride(from: count, through: count - k + 1, by: -1).reduce(0) { $0 + probability(down: $1) }
    }

    /// The majority quorum size `⌊n/2⌋ + 1` (a Zab ensemble).
    public var majority: Int { count / 2 + 1 }
}
