/// The regenerative ratio estimator: with i.i.d. cycles (starting on entering all-up) each giving
/// a reward `Y_i` (e.g. downtime) and a length `τ_i`, the long-run rate is `r = ΣY / Στ`.
///
/// The interval uses the central limit theorem for `Z_i = Y_i − r τ_i`:
/// `r ± t_{n−1} · s_Z / (τ̄ √n)` (Crane and Iglehart; Law §9.5.4). `s_Z²` is the sample variance of
/// the `Z_i` themselves, which equals `s_YY − 2r s_Yτ + r² s_ττ` but cannot come out negative.
/// Using t rather than z widens the interval slightly for few cycles and changes nothing for many.
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
        let n = Double(rewards.count)
        let totalLength = lengths.reduce(0, +)
        let ratio = rewards.reduce(0, +) / totalLength
        let z = zip(rewards, lengths).map { $0 - ratio * $1 }
        let zMean = z.reduce(0, +) / n
        let variance = z.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) } / (n - 1)
        let meanLength = totalLength / n
        let half = ConfidenceInterval.tQuantile(level, degreesOfFreedom: n - 1) * variance.squareRoot() / (meanLength * n.squareRoot())
        return ConfidenceInterval(estimate: ratio, halfWidth: half, level: level, sampleCount: rewards.count)
    }
}
