/// `n` identical components sharing `r` repair crews: the number down is a birth–death chain with
/// failure rate `(n−k)λ` and repair rate `min(k, r)μ` in state k (docs/models.md). With `r < n` the
/// components are no longer independent, so this is *not* the binomial; with `r = n` it is.
public struct SharedRepair: Sendable, Equatable {
    /// n, the number of components.
    public let count: Int
    /// r, the number of repair crews.
    public let crews: Int
    /// λ, the failure rate of one component.
    public let failureRate: Double
    /// μ, the repair rate of one crew.
    public let repairRate: Double

    /// - Throws: ``ParameterError`` for n < 1, r < 1, λ < 0, μ ≤ 0 or non-finite rates.
    public init(count: Int, crews: Int, failureRate: Double, repairRate: Double) throws(ParameterError) {
        self.count = try ParameterCheck.integer(count, in: 1...Int.max, name: "n (component count)")
        self.crews = try ParameterCheck.integer(crews, in: 1...Int.max, name: "r (repair crews)")
        self.failureRate = try ParameterCheck.nonNegativeRate(failureRate, name: "λ (failure rate)")
        self.repairRate = try ParameterCheck.positiveRate(repairRate, name: "μ (repair rate)")
    }

    /// `P(k down)` for `k = 0…n` from the product form `π_{k+1} = π_k (n−k)λ / (min(k+1, r)μ)`.
    ///
    /// The ratios decrease in k, so the weights are unimodal: start at the mode with weight 1 and
    /// multiply outward, so nothing overflows and every probability is a product of ratios.
    public var stateProbabilities: [Double] {
        let ratios = (0..<count).map { k in
            Double(count - k) * failureRate / (Double(min(k + 1, crews)) * repairRate)
        }
        let mode = ratios.firstIndex { $0 < 1 } ?? count
        var weights = [Double](repeating: 0, count: count + 1)
        weights[mode] = 1
        for k in stride(from: mode, to: count, by: 1) { weights[k + 1] = weights[k] * ratios[k] }
        for k in stride(from: mode - 1, through: 0, by: -1) { weights[k] = weights[k + 1] / ratios[k] }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    /// `P(fewer than k up)`, summed from the down-state tail.
    public func unavailability(atLeast k: Int) -> Double {
        precondition((0...count).contains(k), "k = \(k) outside 0...\(count)")
        let pi = stateProbabilities
        return stride(from: count, through: count - k + 1, by: -1).reduce(0) { $0 + pi[$1] }
    }

    /// `P(at least k up)`.
    public func availability(atLeast k: Int) -> Double {
        precondition((0...count).contains(k), "k = \(k) outside 0...\(count)")
        let pi = stateProbabilities
        return (0...(count - k)).reduce(0) { $0 + pi[$1] }
    }
}
