/// Streaming, mergeable sums for a ratio estimator `r = ΣY / Στ` over i.i.d. pairs (Y_i, τ_i):
/// regenerative cycles (Y = down time in the cycle, τ = its length), outage cycles, or importance-
/// sampled cycles whose rewards already carry their likelihood ratio.
///
/// The interval is the delta method (the central limit theorem for `Z_i = Y_i − r τ_i`):
/// `r ± t_{n−1} · s_Z / (τ̄ √n)` (Crane and Iglehart; Law, *Simulation Modeling and Analysis*,
/// §9.5.4). `s_Z² = s_YY − 2r s_Yτ + r² s_ττ` is formed from co-moments about the running means
/// (Welford's update, Chan et al.'s merge), so neither long runs nor merging lose its digits to
/// `E[X²] − E[X]²` cancellation. Values are added and merged in a fixed order by the callers, so
/// the sums are deterministic.
public struct RatioSums: Sendable, Equatable {
    /// The number of pairs.
    public private(set) var count = 0
    /// ΣY and Στ, accumulated directly so the ratio is exactly total reward / total length.
    public private(set) var rewardTotal = 0.0
    public private(set) var lengthTotal = 0.0
    /// Means and co-moments about them: Σ(Y−Ȳ)², Σ(τ−τ̄)², Σ(Y−Ȳ)(τ−τ̄).
    public private(set) var rewardMean = 0.0
    public private(set) var lengthMean = 0.0
    public private(set) var rewardSquares = 0.0
    public private(set) var lengthSquares = 0.0
    public private(set) var crossProducts = 0.0

    public init() {}

    /// Rebuilds sums from their stored fields (shard files); `count ≥ 0` and finite fields are checked.
    public init(
        count: Int, rewardTotal: Double, lengthTotal: Double, rewardMean: Double, lengthMean: Double,
        rewardSquares: Double, lengthSquares: Double, crossProducts: Double
    ) throws(StatisticsError) {
        let fields = [rewardTotal, lengthTotal, rewardMean, lengthMean, rewardSquares, lengthSquares, crossProducts]
        if let bad = fields.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: bad) }
        guard count >= 0, rewardSquares >= 0, lengthSquares >= 0 else {
            throw .invalidInput("ratio sums: expected a count and squares ≥ 0")
        }
        self.count = count
        self.rewardTotal = rewardTotal
        self.lengthTotal = lengthTotal
        self.rewardMean = rewardMean
        self.lengthMean = lengthMean
        self.rewardSquares = rewardSquares
        self.lengthSquares = lengthSquares
        self.crossProducts = crossProducts
    }

    /// Adds one pair. A non-finite value or a negative length is a bug of the caller.
    public mutating func add(reward: Double, length: Double) {
        precondition(reward.isFinite && length.isFinite && length >= 0, "ratio pair (\(reward), \(length))")
        count += 1
        let n = Double(count)
        let dy = reward - rewardMean, dt = length - lengthMean
        rewardMean += dy / n
        lengthMean += dt / n
        rewardSquares += dy * (reward - rewardMean)
        lengthSquares += dt * (length - lengthMean)
        crossProducts += dy * (length - lengthMean)
        rewardTotal += reward
        lengthTotal += length
    }

    /// Adds every pair of `other`, as if they had been added one by one (up to rounding).
    public mutating func merge(_ other: RatioSums) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count), m = Double(other.count), total = n + m
        let dy = other.rewardMean - rewardMean, dt = other.lengthMean - lengthMean
        rewardSquares += other.rewardSquares + dy * dy * n * m / total
        lengthSquares += other.lengthSquares + dt * dt * n * m / total
        crossProducts += other.crossProducts + dy * dt * n * m / total
        rewardMean += dy * m / total
        lengthMean += dt * m / total
        count += other.count
        rewardTotal += other.rewardTotal
        lengthTotal += other.lengthTotal
    }

    /// `ΣY / Στ`; nil before any length.
    public var ratio: Double? { lengthTotal > 0 ? rewardTotal / lengthTotal : nil }

    /// The sample variance of `Z_i = Y_i − r τ_i`, never negative.
    public var residualVariance: Double {
        guard count >= 2, let r = ratio else { return 0 }
        return max(0, (rewardSquares - 2 * r * crossProducts + r * r * lengthSquares) / Double(count - 1))
    }

    /// The delta-method interval `r ± t_{n−1} · s_Z / (τ̄ √n)`; symmetric, not clipped.
    public func interval(level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        try ConfidenceInterval.check(level)
        guard count >= 2 else { throw .tooFewSamples(needed: 2, found: count) }
        guard let r = ratio else { throw .invalidInput("ratio: expected lengths with a positive total") }
        let n = Double(count)
        let half = ConfidenceInterval.tQuantile(level, degreesOfFreedom: n - 1) * residualVariance.squareRoot()
            / (lengthTotal / n * n.squareRoot())
        return ConfidenceInterval(estimate: r, halfWidth: half, level: level, sampleCount: count)
    }
}
