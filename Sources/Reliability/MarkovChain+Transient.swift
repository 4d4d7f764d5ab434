/// Transient distributions: `π(t) = π(0) e^{Qt}` and the time average `(1/t) ∫₀ᵗ π(s) ds`.
extension MarkovChain {
    /// How a transient distribution is computed.
    public enum TransientMethod: Sendable {
        /// Uniformization (Jensen's method): subtraction-free, so small probabilities keep their
        /// relative precision. The default.
        case uniformization
        /// The matrix exponential (`gsl_linalg_exponential_ss`; Van Loan's block matrix for the
        /// integral). Absolute error ≈ 1e-16 · ‖Qt‖: a cross-check, not for tiny probabilities.
        case matrixExponential
    }

    /// The most uniformization steps the library will take before giving up.
    public static let uniformizationStepLimit = 50_000_000

    /// The distribution at time `t` starting from `initial`.
    public func transientDistribution(
        at t: Double, from initial: [Double], method: TransientMethod = .uniformization
    ) throws(MarkovChainError) -> [Double] {
        try validate(distribution: initial)
        guard t.isFinite && t >= 0 else { throw .invalidTime(t) }
        switch method {
        case .uniformization: return try uniformized(t, initial).point
        case .matrixExponential: return try exponentiated(t, initial).point
        }
    }

    /// The expected fraction of `[0, t]` spent in each state, starting from `initial`; at `t = 0`
    /// it is `initial`. Interval availability is its sum over the up states.
    public func intervalOccupancy(
        over t: Double, from initial: [Double], method: TransientMethod = .uniformization
    ) throws(MarkovChainError) -> [Double] {
        try validate(distribution: initial)
        guard t.isFinite && t >= 0 else { throw .invalidTime(t) }
        if t == 0 { return initial }
        switch method {
        case .uniformization: return try uniformized(t, initial).average
        case .matrixExponential: return try exponentiated(t, initial).average
        }
    }

    /// Uniformization with rate `q = max exit rate`: `P = I + Q/q` is stochastic and
    /// `π(t) = Σ_k Pois(k; qt) π(0) Pᵏ`, `(1/t)∫π = (1/qt) Σ_k P(N > k) π(0) Pᵏ`.
    ///
    /// Every term is non-negative. When qt is large the iterates reach the steady state long before
    /// the Poisson window; once an iterate matches the GTH steady state to 1e-14 (relative, per
    /// state) the remaining terms use the steady state in closed form.
    private func uniformized(_ t: Double, _ initial: [Double]) throws(MarkovChainError) -> (
        point: [Double], average: [Double]
    ) {
        let n = stateCount
        let exits = (0..<n).map(exitRate)
        let q = exits.max() ?? 0
        if q == 0 || t == 0 { return (initial, initial) }
        let qt = q * t
        guard qt < 4e9 else { throw .horizonTooLong(steps: qt, limit: Self.uniformizationStepLimit) }
        let poisson = PoissonWeights(mean: qt)
        let survival = poisson.survival()
        let stationary = try? steadyState()
        var p = generator.map { $0 / q }
        for i in 0..<n { p[i * n + i] = 1 - exits[i] / q }  // exit ≤ q, so this stays in [0, 1]
        var v = initial
        var point = [Double](repeating: 0, count: n)
        var average = [Double](repeating: 0, count: n)
        var survivalUsed = 0.0
        var k = 0
        while k <= poisson.right {
            if k % 16 == 0, let pi = stationary, Self.matches(v, pi) {
                // Remaining mass: Σ_{j≥k} Pois(j) for the point, Σ_{j≥k} P(N > j) = qt − Σ_{j<k} P(N > j).
                var pointMass = 0.0
                for j in max(k, poisson.left)...max(k, poisson.right) { pointMass += poisson.weight(j) }
                let averageMass = max(qt - survivalUsed, 0)
                for i in 0..<n {
                    point[i] += pointMass * pi[i]
                    average[i] += averageMass * pi[i]
                }
                break
            }
            guard k < Self.uniformizationStepLimit else {
                throw .horizonTooLong(steps: qt, limit: Self.uniformizationStepLimit)
            }
            let w = poisson.weight(k)
            let s = survival[k]
            for i in 0..<n {
                point[i] += w * v[i]
                average[i] += s * v[i]
            }
            survivalUsed += s
            v = Self.step(v, p, n)
            k += 1
        }
        return (point, average.map { $0 / qt })
    }

    /// One step `v ← vP`.
    private static func step(_ v: [Double], _ p: [Double], _ n: Int) -> [Double] {
        var next = [Double](repeating: 0, count: n)
        for i in 0..<n where v[i] != 0 {
            let vi = v[i]
            for j in 0..<n { next[j] += vi * p[i * n + j] }
        }
        return next
    }

    /// Whether every entry of `v` equals `pi` within 1e-14 relative.
    private static func matches(_ v: [Double], _ pi: [Double]) -> Bool {
        zip(v, pi).allSatisfy { abs($0 - $1) <= 1e-14 * $1 }
    }

    /// `π(0) e^{Qt}` and `(1/t) π(0) ∫₀ᵗ e^{Qs} ds`, the latter from Van Loan's block matrix
    /// `exp([[Qt, It], [0, 0]]) = [[e^{Qt}, ∫₀ᵗ e^{Qs} ds], [0, I]]`.
    private func exponentiated(_ t: Double, _ initial: [Double]) throws(MarkovChainError) -> (
        point: [Double], average: [Double]
    ) {
        let n = stateCount
        let m = 2 * n
        var block = [Double](repeating: 0, count: m * m)
        for i in 0..<n {
            for j in 0..<n { block[i * m + j] = generator[i * n + j] * t }
            block[i * m + n + i] = t
        }
        let e: [Double]
        do {
            e = try GSL.exponential(block, m)
        } catch {
            throw .gsl(error)
        }
        var point = [Double](repeating: 0, count: n)
        var average = [Double](repeating: 0, count: n)
        for i in 0..<n where initial[i] != 0 {
            for j in 0..<n {
                point[j] += initial[i] * e[i * m + j]
                average[j] += initial[i] * e[i * m + n + j]
            }
        }
        return (point, t > 0 ? average.map { $0 / t } : initial)
    }
}
