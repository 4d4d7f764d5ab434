/// Mean time to first failure: the expected time to leave a set of up states.
extension MarkovChain {
    /// The mean time until the chain, started from `initial` (supported on `upStates`), first
    /// enters a state outside `upStates`: `MTTF = α (−Q_UU)⁻¹ 𝟙`, with `(−Q_UU)⁻¹` the fundamental
    /// matrix of the up states.
    ///
    /// Solving `(−Q_UU) m = 𝟙` directly cancels catastrophically on stiff chains (for a hot pair
    /// with λ = 1e-6, μ = 1 the determinant is `2λ(λ+μ) − 2λμ = 2λ²`). Instead the same quantity comes
    /// out of a subtraction-free GTH solve: merge the down states into one state D, send D back
    /// to `initial` at rate ν, and read the renewal identity `π_D = (1/ν) / (MTTF + 1/ν)`, i.e.
    /// `MTTF = Σ_{up} π / (ν π_D)`. ``meanTimeToFailureLU(upStates:from:)`` is the direct solve.
    ///
    /// - Returns: `.infinity` when some up state reachable from `initial` cannot reach a down state.
    public func meanTimeToFailure(upStates: Set<Int>, from initial: [Double]) throws(MarkovChainError) -> Double {
        try validate(distribution: initial)
        let up = try upIndices(upStates, initial)
        if up.isEmpty { return 0 }
        let reach = reachable(from: up.filter { initial[$0] > 0 }, within: Set(up))
        let states = up.filter { reach.contains($0) }
        let downRate = states.map { i in (0..<stateCount).filter { !upStates.contains($0) }.reduce(0) { $0 + rate(from: i, to: $1) } }
        guard canAllFail(states, downRate) else { return .infinity }
        // Censored chain: reachable up states 0..<m, then D at index m.
        let m = states.count
        let size = m + 1
        let nu = max(downRate.max() ?? 1, 1e-300)
        var rates = [Double](repeating: 0, count: size * size)
        for (a, i) in states.enumerated() {
            for (b, j) in states.enumerated() where a != b { rates[a * size + b] = rate(from: i, to: j) }
            rates[a * size + m] = downRate[a]
            rates[m * size + a] = nu * initial[i]
        }
        let pi = try Self.gth(rates: rates, size)
        let upMass = pi.dropLast().reduce(0, +)
        return upMass / (nu * pi[m])
    }

    /// `α (−Q_UU)⁻¹ 𝟙` by an LU solve of the fundamental system (`gsl_linalg_LU_*`): a cross-check
    /// for ``meanTimeToFailure(upStates:from:)``, with relative error up to ≈ 1e-16 · cond(Q_UU).
    public func meanTimeToFailureLU(upStates: Set<Int>, from initial: [Double]) throws(MarkovChainError) -> Double {
        try validate(distribution: initial)
        let up = try upIndices(upStates, initial)
        if up.isEmpty { return 0 }
        let m = up.count
        var a = [Double](repeating: 0, count: m * m)
        for (r, i) in up.enumerated() {
            for (c, j) in up.enumerated() { a[r * m + c] = r == c ? exitRate(i) : -rate(from: i, to: j) }
        }
        let times: [Double]
        do {
            times = try GSL.solve(a, m, [Double](repeating: 1, count: m))
        } catch {
            throw .gsl(error)
        }
        return zip(up, times).reduce(0) { $0 + initial[$1.0] * $1.1 }
    }

    /// The sorted up states, after checking they are in range and hold all of `initial`.
    private func upIndices(_ upStates: Set<Int>, _ initial: [Double]) throws(MarkovChainError) -> [Int] {
        for s in upStates where !(0..<stateCount).contains(s) { throw .stateOutOfRange(state: s, stateCount: stateCount) }
        for (i, p) in initial.enumerated() where p > 0 && !upStates.contains(i) {
            throw .invalidDistribution(reason: "expected mass only on up states, found \(p) on state \(i)")
        }
        return upStates.sorted()
    }

    /// States reachable from `sources` without leaving `allowed`.
    private func reachable(from sources: [Int], within allowed: Set<Int>) -> Set<Int> {
        var seen = Set(sources)
        var stack = sources
        while let i = stack.popLast() {
            for j in 0..<stateCount where j != i && allowed.contains(j) && rate(from: i, to: j) > 0 && !seen.contains(j) {
                seen.insert(j)
                stack.append(j)
            }
        }
        return seen
    }

    /// Whether every state in `states` can reach a down state (directly or through the others).
    private func canAllFail(_ states: [Int], _ downRate: [Double]) -> Bool {
        var canFail = Set(zip(states, downRate).filter { $0.1 > 0 }.map(\.0))
        var changed = true
        while changed {
            changed = false
            for i in states where !canFail.contains(i) {
                if canFail.contains(where: { rate(from: i, to: $0) > 0 }) {
                    canFail.insert(i)
                    changed = true
                }
            }
        }
        return canFail.count == states.count
    }
}
