import CGSL  // math.h: log2, pow

extension MarkovChain {
    /// `π(0) e^{Qt}` and `(1/t) π(0) ∫₀ᵗ e^{Qs} ds` for stiff chains over long horizons.
    ///
    /// Uniformization step by step needs about `(q/gap)·ln(1/ε)` steps to meet the steady state,
    /// which for a 1e6 switchover rate beside a 0.1 repair rate is ~1e8. Here the kernel of a short
    /// step `h = t/2^s` with `qh ≤ 1` comes from the uniformization series on matrices,
    /// `e^{Qh} = Σ Pois(k; qh) Bᵏ` and `∫₀ʰ e^{Qu} du = (1/q) Σ P(N > k) Bᵏ` with `B = I + Q/q ≥ 0`,
    /// and is then doubled `s` times (``doubled(e:f:step:squarings:initial:horizon:)``). Every
    /// operation adds or multiplies non-negative numbers, so small probabilities keep their relative
    /// precision up to the ≈ s·n·ε of the products.
    func squaredUniformization(_ t: Double, _ initial: [Double]) -> (point: [Double], average: [Double]) {
        let n = stateCount
        let exits = (0..<n).map(exitRate)
        let q = exits.max() ?? 0
        if q == 0 || t == 0 { return (initial, initial) }
        let squarings = q * t > 1 ? Int(log2(q * t).rounded(.up)) : 0
        let h = t * pow(2, -Double(squarings))
        var b = generator.map { $0 / q }
        for i in 0..<n { b[i * n + i] = 1 - exits[i] / q }
        let poisson = PoissonWeights(mean: q * h)
        var power = [Double](repeating: 0, count: n * n)  // Bᵏ, starting at I
        for i in 0..<n { power[i * n + i] = 1 }
        var e = [Double](repeating: 0, count: n * n)
        var f = [Double](repeating: 0, count: n * n)
        for k in 0...poisson.right {
            let w = poisson.weight(k)
            let survival = poisson.survival(k) / q
            for x in 0..<(n * n) {
                e[x] += w * power[x]
                f[x] += survival * power[x]
            }
            power = Self.multiply(power, b, n)
        }
        return Self.doubled(e: e, f: f, step: h, squarings: squarings, initial: initial, horizon: t)
    }
}
