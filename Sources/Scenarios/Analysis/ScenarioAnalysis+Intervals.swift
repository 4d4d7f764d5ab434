import Foundation
import Reliability

extension ScenarioAnalysis {
    /// The interval of metric `i` at `level`, inside the metric's range:
    /// - an availability with its unavailability beside it: the mirror of that interval;
    /// - a fraction of time whose cycles were tracked: the regenerative ratio estimator over the
    ///   cycles pooled from every replication (estimate = time in the set / measured time exactly);
    /// - otherwise the Student-t interval over the replications, clipped to the range.
    func measured(metric i: Int, level: Double) -> IntervalEstimate {
        let id = metricIDs[i]
        let key = Self.intervalKey(id.key, metricIDs)
        if key != id.key, let j = metricIDs.firstIndex(where: { $0.key == key }) {
            return measured(metric: j, level: level).complement
        }
        if let cycles = pooledCycles(metric: i) {
            let interval = ratioInterval(cycles, level: level, noun: Self.visitNoun(id.key))
            return id.measuresComplement ? interval.complement : interval
        }
        let t = Self.interval(outcomes.map { $0.metrics[i] }, level: level)
        let estimate = id.isFraction ? min(1, max(0, t.estimate)) : max(0, t.estimate)
        return IntervalEstimate(
            estimate: estimate, lower: min(estimate, max(0, t.lower)), upper: max(estimate, id.isFraction ? min(1, t.upper) : t.upper),
            level: level, method: "Student t over \(outcomes.count) replications", evidence: outcomes.count,
            evidenceNoun: "replications")
    }

    /// The interval of the time with exactly k down, at `level` (cycles when tracked, else t).
    func occupancyInterval(down k: Int, level: Double) -> IntervalEstimate {
        if outcomes.allSatisfy({ $0.occupancyCycles.count > k }) {
            var pooled = CycleStatistics()
            for o in outcomes { pooled.merge(o.occupancyCycles[k]) }
            return ratioInterval(pooled, level: level, noun: "visits")
        }
        let t = Self.interval(outcomes.map { $0.occupancy[k] }, level: level)
        let estimate = min(1, max(0, t.estimate))
        return IntervalEstimate(
            estimate: estimate, lower: min(estimate, max(0, t.lower)), upper: max(estimate, min(1, t.upper)), level: level,
            method: "Student t over \(outcomes.count) replications", evidence: outcomes.count, evidenceNoun: "replications")
    }

    /// Metric `i`'s cycles pooled over the replications in index order; nil when not tracked.
    func pooledCycles(metric i: Int) -> CycleStatistics? {
        var pooled = CycleStatistics()
        for o in outcomes {
            guard o.metricCycles.count > i, let c = o.metricCycles[i] else { return nil }
            pooled.merge(c)
        }
        return pooled
    }

    /// The regenerative ratio interval of a fraction of time, clipped to [0, 1]. With no visit the
    /// estimate is exactly 0 (or 1) with no width, and the verdict sees no evidence.
    func ratioInterval(_ cycles: CycleStatistics, level: Double, noun: String) -> IntervalEstimate {
        let estimate = min(1, max(0, cycles.sums.ratio ?? 0))
        guard cycles.visits > 0, let ci = try? cycles.sums.interval(level: level) else {
            return IntervalEstimate(
                estimate: estimate, lower: estimate, upper: estimate, level: level,
                method: "no \(noun) observed in \(cycles.sums.count) cycles", evidence: 0, evidenceNoun: noun)
        }
        // On the log scale (r·e^{±h/r}, the delta method for log r): the ratio of few visits is
        // skewed to the right, and the symmetric interval missed high values (87% coverage of a
        // rare state at a nominal 95%, 30 visits a run).
        // The width rests on the visits, not on the cycles (the window's leading and trailing
        // pieces are cycles that add no visit): t with visits − 1 degrees of freedom.
        let t = ConfidenceInterval.tQuantile(level, degreesOfFreedom: Double(max(1, cycles.visits - 1)))
            / ConfidenceInterval.tQuantile(level, degreesOfFreedom: Double(cycles.sums.count - 1))
        let spread = estimate > 0 ? exp(t * ci.halfWidth / estimate) : 1
        return IntervalEstimate(
            estimate: estimate, lower: estimate / spread, upper: min(1, estimate * spread), level: level,
            method: "regenerative ratio (log scale) over \(cycles.sums.count) cycles (\(cycles.visits) \(noun))",
            evidence: cycles.visits, evidenceNoun: noun)
    }

    /// What entering a metric's set of states is called in a verdict's reason.
    static func visitNoun(_ key: String) -> String {
        switch key {
        case "service_availability", "service_unavailability": "outages"
        case "component_unavailability": "component failures"
        case "all_up": "departures from all-up"
        default: "visits"
        }
    }
}
