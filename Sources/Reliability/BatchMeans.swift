/// Batch means for one long (steady-state) run: split the observations into `batchCount`
/// consecutive batches of equal size and treat the batch means as nearly independent samples.
///
/// Batches must be long compared with the correlation time of the output for the interval to be
/// honest; 10–30 batches is the usual advice (Law, *Simulation Modeling and Analysis*, §9.5.3).
public enum BatchMeans {
    /// The batch means; leftover observations at the *start* are dropped, as warm-up.
    public static func means(_ observations: [Double], batchCount: Int) throws(StatisticsError) -> [Double] {
        guard batchCount >= 2 else { throw .invalidInput("batch count: expected ≥ 2, found \(batchCount)") }
        guard observations.count >= batchCount else {
            throw .tooFewSamples(needed: batchCount, found: observations.count)
        }
        if let bad = observations.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: bad) }
        let size = observations.count / batchCount
        let start = observations.count - size * batchCount
        return (0..<batchCount).map { b in
            let slice = observations[(start + b * size)..<(start + (b + 1) * size)]
            return slice.reduce(0, +) / Double(size)
        }
    }

    /// The Student-t interval over the batch means (`batchCount − 1` degrees of freedom).
    public static func interval(_ observations: [Double], batchCount: Int, level: Double = 0.95)
        throws(StatisticsError) -> ConfidenceInterval
    {
        try ConfidenceInterval.studentT(means(observations, batchCount: batchCount), level: level)
    }
}
