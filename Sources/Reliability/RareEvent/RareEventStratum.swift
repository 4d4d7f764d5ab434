/// The cycles of one stratum of a stratified rare-event run: those whose first failure fell in one
/// part of the system (a failure group), whose probability p_s = Λ_s/Λ is known exactly.
///
/// Which part fails first decides most of a cycle's down time when the system has single points
/// of failure (a database or balancer down for hours against a failover of seconds), and failure
/// biasing cannot reduce that spread: it acts only after the first failure. Sampling each part's
/// cycles separately and weighting their means by p_s removes it (stratified sampling; Cochran
/// 1977, *Sampling Techniques*, ch. 5).
public struct RareEventStratum: Sendable, Equatable {
    /// p_s, the probability that a cycle's first failure falls in this stratum.
    public var probability: Double
    public var cycles: [WeightedCycle]

    public init(probability: Double, cycles: [WeightedCycle]) {
        self.probability = probability
        self.cycles = cycles
    }
}

/// Neyman allocation of a batch of cycles over strata (Cochran 1977, §5.5 with costs §5.6): the
/// variance of a stratified mean at a given cost is least with n_s ∝ p_s·σ_s/√c_s, σ_s the
/// standard deviation of a cycle's contribution in stratum s and c_s its cost.
public enum NeymanAllocation {
    /// How many of `batch` new cycles each stratum gets: each at least `minimum` (so a stratum whose
    /// first cycles happened to show no spread keeps being sampled, and its rare outcomes can
    /// still appear), the rest so that the totals approach the Neyman sizes. Ties go to the lower
    /// index, so the allocation is a pure function of its inputs.
    ///
    /// - Parameters:
    ///   - counts: cycles each stratum has already.
    ///   - deviations: σ_s estimated from those cycles.
    ///   - costs: c_s > 0, the mean cost of a cycle of the stratum (any unit).
    public static func allocate(
        batch: Int, counts: [Int], probabilities: [Double], deviations: [Double], costs: [Double], minimum: Int = 1
    ) -> [Int] {
        let strata = counts.count
        precondition(strata > 0 && [probabilities.count, deviations.count, costs.count].allSatisfy { $0 == strata })
        precondition(minimum >= 0 && batch >= minimum * strata, "batch \(batch) below \(minimum) per stratum")
        precondition(costs.allSatisfy { $0 > 0 && $0.isFinite } && deviations.allSatisfy { $0 >= 0 && $0.isFinite })
        var weights = (0..<strata).map { probabilities[$0] * deviations[$0] / costs[$0].squareRoot() }
        // No spread seen anywhere yet: proportional allocation.
        if weights.reduce(0, +) == 0 { weights = probabilities }
        let total = Double(counts.reduce(0, +) + batch)
        let weightSum = weights.reduce(0, +)
        let deficits = (0..<strata).map { max(0, total * weights[$0] / weightSum - Double(counts[$0] + minimum)) }
        let rest = batch - minimum * strata
        let shares = deficits.reduce(0, +) > 0 ? deficits : weights
        let shareSum = shares.reduce(0, +)
        let exact = shares.map { Double(rest) * $0 / shareSum }
        var given = exact.map { Int($0.rounded(.down)) }
        // Largest remainders take what rounding down left.
        let order = (0..<strata).sorted { (exact[$0] - Double(given[$0]), $1) > (exact[$1] - Double(given[$1]), $0) }
        for s in order.prefix(rest - given.reduce(0, +)) { given[s] += 1 }
        let result = given.map { $0 + minimum }
        assert(result.reduce(0, +) == batch)
        return result
    }
}
