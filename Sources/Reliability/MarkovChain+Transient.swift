import CGSL  // math.h: log2, pow

/// Transient distributions: `π(t) = π(0) e^{Qt}` and the time average `(1/t) ∫₀ᵗ π(s) ds`.
extension MarkovChain {
    /// How a transient distribution is computed.
    public enum TransientMethod: Sendable {
        /// Uniformization (Jensen's method): subtraction-free, so small probabilities keep their
        /// relative precision. The default.
        case uniformization
        /// The matrix exponential: `gsl_linalg_exponential_ss` on Van Loan's block matrix for a
        /// short step, then squared up to t with rows rescaled. Its Taylor kernel subtracts, so its
        /// error is absolute (≈ 1e-16 per entry): a cross-check, not for tiny probabilities.
        case matrixExponential
    }

    /// The most uniformization steps taken one by one; beyond it (a stiff chain over a horizon
    /// long enough that the iterates have not yet met the steady state), the kernel of a short step
    /// is squared instead (``squaredUniformization(_:_:)``).
    public static let uniformizationStepLimit = 1_000_000

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
    /// the Poisson window; once an iterate matches the GTH steady state to 1e-12 (relative, per
    /// state) the remaining terms use the steady state in closed form.
    private func uniformized(_ t: Double, _ initial: [Double]) throws(MarkovChainError) -> (
        point: [Double], average: [Double]
    ) {
        let n = stateCount
        let exits = (0..<n).map(exitRate)
        let q = exits.max() ?? 0
        if q == 0 || t == 0 { return (initial, initial) }
        let qt = q * t
        guard qt.isFinite else { throw .invalidTime(t) }
        // Beyond 1e9 steps the Poisson window starts ~1e9 − 13·√1e9 steps in, far past the step
        // limit: the iterates must reach the steady state first, and every weight before the window
        // is below 1e-30. So no weights are needed: P(N = k) ≈ 0 and P(N > k) ≈ 1 there.
        let poisson: PoissonWeights? = qt < 1e9 ? PoissonWeights(mean: qt) : nil
        let lastStep = poisson?.right ?? Int.max
        let stationary = try? steadyState()
        var p = generator.map { $0 / q }
        for i in 0..<n { p[i * n + i] = 1 - exits[i] / q }  // exit ≤ q, so this stays in [0, 1]
        var v = initial
        var point = [Double](repeating: 0, count: n)
        var average = [Double](repeating: 0, count: n)
        var survivalUsed = 0.0
        var k = 0
        while k <= lastStep {
            if k % 16 == 0, let pi = stationary, Self.matches(v, pi) {
                // Remaining mass: Σ_{j≥k} Pois(j) for the point, Σ_{j≥k} P(N > j) = qt − Σ_{j<k} P(N > j).
                var pointMass = poisson == nil ? 1.0 : 0.0
                if let poisson {
                    for j in max(k, poisson.left)...max(k, poisson.right) { pointMass += poisson.weight(j) }
                }
                let averageMass = max(qt - survivalUsed, 0)
                for i in 0..<n {
                    point[i] += pointMass * pi[i]
                    average[i] += averageMass * pi[i]
                }
                break
            }
            if k >= Self.uniformizationStepLimit {
                // Too stiff to reach the steady state step by step: square a short-step kernel.
                return squaredUniformization(t, initial)
            }
            let w = poisson?.weight(k) ?? 0
            let s = poisson?.survival(k) ?? 1
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

    /// One step `v ← vP`, renormalised. The rows of the computed P sum to 1 only within rounding,
    /// and over 10⁴–10⁷ steps that drift shifts every probability by the same ~1e-12 factor;
    /// `vPᵏ` is a probability vector, so dividing by its sum (no subtraction) removes the drift.
    private static func step(_ v: [Double], _ p: [Double], _ n: Int) -> [Double] {
        var next = [Double](repeating: 0, count: n)
        for i in 0..<n where v[i] != 0 {
            let vi = v[i]
            for j in 0..<n { next[j] += vi * p[i * n + j] }
        }
        let total = next.reduce(0, +)
        return next.map { $0 / total }
    }

    /// Whether every entry of `v` equals `pi` within 1e-12 relative. Not tighter: the iteration's
    /// own fixed point differs from the exact π by rounding amplified by the chain's mixing time
    /// (≈ 1e-16 · q/gap), so a tighter test might never pass.
    private static func matches(_ v: [Double], _ pi: [Double]) -> Bool {
        zip(v, pi).allSatisfy { abs($0 - $1) <= 1e-12 * $1 }
    }

    /// `π(0) e^{Qt}` and `(1/t) π(0) ∫₀ᵗ e^{Qs} ds` by scaling and squaring.
    ///
    /// GSL's `gsl_linalg_exponential_ss` on Van Loan's block matrix
    /// `exp([[Qh, Ih], [0, 0]]) = [[E, F], [0, I]]`, `E = e^{Qh}`, `F = ∫₀ʰ e^{Qs} ds`, with the step
    /// `h = t/2^s` small enough that ‖Qh‖ ≤ 1/2. Then `s` doublings `E ← E²`, `F ← F + E F`.
    /// Handing the whole `Qt` to GSL loses ≈ 2^s·ε of the row sums (3e-11 at ‖Qt‖ = 2e4, measured
    /// against 50-digit mpmath), because every squaring doubles the drift of rows that should sum to
    /// exactly 1 (E) and h (F). So each doubling rescales the rows to their exact sums.
    private func exponentiated(_ t: Double, _ initial: [Double]) throws(MarkovChainError) -> (
        point: [Double], average: [Double]
    ) {
        let n = stateCount
        let norm = (0..<n).map { 2 * exitRate($0) }.max() ?? 0  // ∞-norm of Q
        let squarings = norm * t > 0.5 ? Int((log2(norm * t / 0.5)).rounded(.up)) : 0
        precondition(squarings < 1100, "‖Qt‖ = \(norm * t) out of range")
        let h = t * pow(2, -Double(squarings))
        let m = 2 * n
        var block = [Double](repeating: 0, count: m * m)
        for i in 0..<n {
            for j in 0..<n { block[i * m + j] = generator[i * n + j] * h }
            block[i * m + n + i] = h
        }
        let b: [Double]
        do {
            b = try GSL.exponential(block, m)
        } catch {
            throw .gsl(error)
        }
        var e = [Double](repeating: 0, count: n * n)
        var f = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                // GSL's Taylor sum can leave −1e-17 where the exact value is a tiny positive.
                e[i * n + j] = max(b[i * m + j], 0)
                f[i * n + j] = max(b[i * m + n + j], 0)
            }
        }
        return Self.doubled(e: e, f: f, step: h, squarings: squarings, initial: initial, horizon: t)
    }

    /// From `E = e^{Qh}` and `F = ∫₀ʰ e^{Qs} ds`, `s` doublings `E ← E²`, `F ← F + E F` to the horizon
    /// `t = 2^s h`, then `π(0)E` and `π(0)F/t`. Every doubling rescales the rows to their exact sums
    /// (1 for E, the current span for F): without that, a row-sum error δ grows to 2^s·δ.
    static func doubled(e: [Double], f: [Double], step h: Double, squarings: Int, initial: [Double], horizon t: Double)
        -> (point: [Double], average: [Double])
    {
        let n = initial.count
        var e = e
        var f = f
        var span = h
        rescaleRows(&e, n, to: 1)
        rescaleRows(&f, n, to: span)
        for _ in 0..<squarings {
            let ef = multiply(e, f, n)
            for k in 0..<(n * n) { f[k] += ef[k] }
            e = multiply(e, e, n)
            span *= 2
            rescaleRows(&e, n, to: 1)
            rescaleRows(&f, n, to: span)
        }
        var point = [Double](repeating: 0, count: n)
        var average = [Double](repeating: 0, count: n)
        for i in 0..<n where initial[i] != 0 {
            for j in 0..<n {
                point[j] += initial[i] * e[i * n + j]
                average[j] += initial[i] * f[i * n + j]
            }
        }
        return (point, average.map { $0 / t })
    }

    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n where a[i * n + k] != 0 {
                let aik = a[i * n + k]
                for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
            }
        }
        return c
    }

    static func rescaleRows(_ a: inout [Double], _ n: Int, to total: Double) {
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += a[i * n + j] }
            if sum > 0 { for j in 0..<n { a[i * n + j] *= total / sum } }
        }
    }
}
