/// Steady state: the probability vector π with πQ = 0 and Σπ = 1.
extension MarkovChain {
    /// The steady state by GTH elimination (Grassmann, Taksar and Heyman 1985).
    ///
    /// GTH is Gaussian elimination on the censored chains written so that every pivot is a sum of
    /// non-negative rates: it never subtracts, so each probability keeps full relative precision
    /// even when it is 1e-15 beside probabilities near 1. That is what stiff availability chains
    /// (λ = 1e-6, μ = 1) need; `1 − Σ` or an LU solve would lose the small ones.
    ///
    /// - Throws: ``MarkovChainError/notIrreducible(state:)`` when a pivot is zero.
    /// - Complexity: O(n³).
    public func steadyState() throws(MarkovChainError) -> [Double] {
        try Self.gth(rates: generator, stateCount)
    }

    /// The steady state by an LU solve of `Qᵀπ = 0` with one equation replaced by `Σπ = 1`
    /// (`gsl_linalg_LU_*`). Its error is absolute (≈ 1e-16 of the largest probability): use it as a
    /// cross-check of ``steadyState()``, not for small probabilities.
    public func steadyStateLU() throws(MarkovChainError) -> [Double] {
        let n = stateCount
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { a[i * n + j] = i == n - 1 ? 1 : generator[j * n + i] }
        }
        var b = [Double](repeating: 0, count: n)
        b[n - 1] = 1
        do {
            return try GSL.solve(a, n, b)
        } catch {
            throw .gsl(error)
        }
    }

    /// The GTH steady state after checking it against the LU solution.
    ///
    /// - Parameter tolerance: the largest allowed absolute difference of any probability.
    public func checkedSteadyState(tolerance: Double = 1e-10) throws(MarkovChainError) -> [Double] {
        let gth = try steadyState()
        let lu = try steadyStateLU()
        let difference = zip(gth, lu).map { abs($0 - $1) }.max() ?? 0
        guard difference <= tolerance else { throw .crossCheckFailed(maxDifference: difference, tolerance: tolerance) }
        return gth
    }

    /// The steady-state probability of a set of states, summed directly (never as 1 − the rest).
    public func steadyStateProbability(of states: Set<Int>) throws(MarkovChainError) -> Double {
        for s in states where !(0..<stateCount).contains(s) { throw .stateOutOfRange(state: s, stateCount: stateCount) }
        let pi = try steadyState()
        return states.sorted().reduce(0) { $0 + pi[$1] }
    }

    /// GTH on a row-major rate matrix; the diagonal is ignored.
    static func gth(rates: [Double], _ n: Int) throws(MarkovChainError) -> [Double] {
        precondition(rates.count == n * n && n > 0)
        var a = rates
        var pivots = [Double](repeating: 0, count: n)
        // Eliminate states n−1, …, 1: censor the chain on 0..<k, folding the paths through k into
        // the remaining rates. The pivot is the rate out of k into the remaining states.
        for k in stride(from: n - 1, to: 0, by: -1) {
            var s = 0.0
            for j in 0..<k { s += a[k * n + j] }
            guard s > 0 else { throw .notIrreducible(state: k) }
            pivots[k] = s
            for i in 0..<k {
                let f = a[i * n + k] / s
                if f == 0 { continue }
                for j in 0..<k where j != i { a[i * n + j] += f * a[k * n + j] }
            }
        }
        var pi = [Double](repeating: 0, count: n)
        pi[0] = 1
        for k in 1..<n {
            var inflow = 0.0
            for i in 0..<k { inflow += pi[i] * a[i * n + k] }
            pi[k] = inflow / pivots[k]
        }
        let total = pi.reduce(0, +)
        return pi.map { $0 / total }
    }
}
