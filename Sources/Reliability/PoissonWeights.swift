import CGSL

/// Poisson probabilities `P(N = k)`, `N ~ Poisson(mean)`, for the window `left...right` that holds
/// all but a negligible tail, computed the Fox–Glynn way.
///
/// `e^{−m} m^k / k!` underflows for means above ≈ 745 and loses digits well before that, so the
/// weights start at the mode (from GSL's `gsl_ran_poisson_pdf`) and walk outward with the ratios
/// `m/(k+1)` and `k/m`, which are exact to a rounding each. The window ends where a weight falls
/// below 1e-30 of the mode's; the weights are then normalised over the window, which also cancels
/// any error in the mode's value.
struct PoissonWeights {
    /// The first index with a weight.
    let left: Int
    /// The last index with a weight.
    let right: Int
    /// `weights[k - left]` is `P(N = k)`.
    let weights: [Double]
    /// `tails[k - left]` is `P(N > k)`.
    private let tails: [Double]

    /// A weight is kept while it is at least this fraction of the mode's weight.
    private static let cut = 1e-30

    init(mean: Double) {
        precondition(mean.isFinite && mean >= 0 && mean < 4e9, "Poisson mean \(mean) out of range")
        GSL.prepare()
        let mode = Int(mean.rounded(.down))
        // GSL returns NaN for mean 0 (0·log 0) and may underflow; any positive start works, since
        // the window is normalised below.
        let gslWeight = mean == 0 ? 1 : gsl_ran_poisson_pdf(UInt32(mode), mean)
        let modeWeight = gslWeight.isFinite && gslWeight > 0 ? gslWeight : 1
        var below: [Double] = []
        var w = modeWeight
        var k = mode
        while k > 0 {
            w *= Double(k) / mean
            if w < Self.cut * modeWeight { break }
            below.append(w)
            k -= 1
        }
        var above: [Double] = []
        w = modeWeight
        k = mode
        while mean > 0 {
            w *= mean / Double(k + 1)
            if w < Self.cut * modeWeight { break }
            above.append(w)
            k += 1
        }
        let raw = below.reversed() + [modeWeight] + above
        let total = raw.reduce(0, +)
        self.left = mode - below.count
        self.right = mode + above.count
        let normalized = raw.map { $0 / total }
        self.weights = normalized
        var tails = [Double](repeating: 0, count: normalized.count)
        var acc = 0.0
        for i in stride(from: normalized.count - 1, through: 0, by: -1) {
            tails[i] = acc
            acc += normalized[i]
        }
        self.tails = tails
    }

    /// `P(N = k)`, zero outside the window.
    func weight(_ k: Int) -> Double {
        (left...right).contains(k) ? weights[k - left] : 0
    }

    /// `P(N > k)`, each summed from the right so a small tail keeps its relative precision (no
    /// `1 − CDF`). Below the window it is 1 to within the 1e-30 cut.
    func survival(_ k: Int) -> Double {
        if k < left { return 1 }
        if k >= right { return 0 }
        return tails[k - left]
    }
}
