/// The regenerative ratio estimator: with i.i.d. cycles (starting on entering all-up) each giving
/// a reward `Y_i` (e.g. downtime) and a length `τ_i`, the long-run rate is `r = ΣY / Στ`, with the
/// delta-method interval of ``RatioSums`` (Crane and Iglehart; Law §9.5.4). Using t rather than z
/// widens the interval slightly for few cycles and changes nothing for many.
public enum RegenerativeEstimator {
    public static func interval(rewards: [Double], lengths: [Double], level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        try ConfidenceInterval.check(level)
        guard rewards.count == lengths.count else {
            throw .invalidInput("regenerative: expected as many rewards as cycle lengths, found \(rewards.count) and \(lengths.count)")
        }
        guard rewards.count >= 2 else { throw .tooFewSamples(needed: 2, found: rewards.count) }
        for (i, (y, t)) in zip(rewards, lengths).enumerated() where !(y.isFinite && t.isFinite) {
            throw .nonFinite(index: i)
        }
        guard lengths.allSatisfy({ $0 >= 0 }), lengths.contains(where: { $0 > 0 }) else {
            throw .invalidInput("regenerative: expected cycle lengths ≥ 0 with a positive total")
        }
        var sums = RatioSums()
        for (y, t) in zip(rewards, lengths) { sums.add(reward: y, length: t) }
        return try sums.interval(level: level)
    }
}
