/// A finite continuous-time Markov chain given by its generator matrix `Q`.
///
/// `Q[i][j]` (i ≠ j) is the rate of the transition i → j, and each diagonal entry is minus the sum
/// of the other entries of its row. The initialisers validate the generator and throw a
/// ``MarkovChainError`` that names the offending entry.
///
/// Computations keep the *exit* rates as sums of non-negative off-diagonal entries rather than the
/// diagonal, so the numerically sensitive paths (GTH, uniformization) never subtract.
public struct MarkovChain: Sendable, Equatable {
    /// The number of states.
    public let stateCount: Int
    /// The generator, row-major: `generator[i * stateCount + j]` is `Q[i][j]`.
    public let generator: [Double]

    /// Validates and stores a generator given as rows.
    ///
    /// - Parameter tolerance: a row passes when `|Σ_j Q[i][j]| ≤ tolerance · max_j |Q[i][j]|`.
    public init(generator rows: [[Double]], tolerance: Double = 1e-9) throws(MarkovChainError) {
        guard !rows.isEmpty else { throw .empty }
        let n = rows.count
        var flat: [Double] = []
        flat.reserveCapacity(n * n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else { throw .notSquare(row: i, columns: row.count, rows: n) }
            for (j, value) in row.enumerated() {
                guard value.isFinite else { throw .nonFinite(row: i, column: j, value: value) }
                if i != j && value < 0 { throw .negativeRate(row: i, column: j, value: value) }
            }
            let sum = row.reduce(0, +)
            let scale = row.map(abs).max() ?? 0
            guard abs(sum) <= tolerance * scale else { throw .rowSumNotZero(row: i, sum: sum) }
            flat.append(contentsOf: row)
        }
        self.stateCount = n
        self.generator = flat
    }

    /// Builds a generator from transition rates; the diagonal is filled in. Rates to the same
    /// (from, to) pair add up; zero rates are allowed and ignored.
    public init(stateCount: Int, transitions: [(from: Int, to: Int, rate: Double)]) throws(MarkovChainError) {
        guard stateCount > 0 else { throw .empty }
        var flat = [Double](repeating: 0, count: stateCount * stateCount)
        for t in transitions {
            for s in [t.from, t.to] where !(0..<stateCount).contains(s) {
                throw .stateOutOfRange(state: s, stateCount: stateCount)
            }
            guard t.rate.isFinite else { throw .nonFinite(row: t.from, column: t.to, value: t.rate) }
            guard t.rate >= 0 else { throw .negativeRate(row: t.from, column: t.to, value: t.rate) }
            if t.from != t.to { flat[t.from * stateCount + t.to] += t.rate }
        }
        for i in 0..<stateCount {
            var out = 0.0
            for j in 0..<stateCount where j != i { out += flat[i * stateCount + j] }
            flat[i * stateCount + i] = -out
        }
        self.stateCount = stateCount
        self.generator = flat
    }

    /// The rate of the transition `from → to` (the generator entry).
    public func rate(from: Int, to: Int) -> Double {
        generator[from * stateCount + to]
    }

    /// The total rate of leaving state `i`, summed from the off-diagonal entries (no subtraction).
    public func exitRate(_ i: Int) -> Double {
        var out = 0.0
        for j in 0..<stateCount where j != i { out += generator[i * stateCount + j] }
        return out
    }

    /// The generator as rows, for display and tests.
    public var rows: [[Double]] {
        (0..<stateCount).map { Array(generator[$0 * stateCount..<($0 + 1) * stateCount]) }
    }

    /// Checks that `initial` is a probability vector over this chain's states.
    func validate(distribution initial: [Double]) throws(MarkovChainError) {
        guard initial.count == stateCount else {
            throw .invalidDistribution(reason: "expected \(stateCount) entries, found \(initial.count)")
        }
        for (i, p) in initial.enumerated() where !(p.isFinite && p >= 0) {
            throw .invalidDistribution(reason: "expected entries ≥ 0, found \(p) at \(i)")
        }
        let sum = initial.reduce(0, +)
        guard abs(sum - 1) <= 1e-9 else {
            throw .invalidDistribution(reason: "expected entries summing to 1, found \(sum)")
        }
    }

    /// The distribution concentrated on one state.
    public func pointMass(at state: Int) -> [Double] {
        precondition((0..<stateCount).contains(state), "state \(state) outside 0..<\(stateCount)")
        var initial = [Double](repeating: 0, count: stateCount)
        initial[state] = 1
        return initial
    }
}
