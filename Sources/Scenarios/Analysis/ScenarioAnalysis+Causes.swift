import Reliability

extension ScenarioAnalysis {
    /// The replications' downtime by cause (cluster kind; empty otherwise): per ``OutageCause``
    /// with any down time, its contribution to U — the fraction of measured time down for that
    /// cause — as a Student-t interval over the replications at the scenario's level (not
    /// family-adjusted: no verdict rests on it), and its share of all attributed down time.
    /// Causes by decreasing contribution, ties in ``OutageCause`` order.
    func downtimeByCause() -> [DowntimeCause] {
        let count = OutageCause.allCases.count
        guard !outcomes.isEmpty, outcomes.allSatisfy({ $0.downtimeByCause.count == count }) else { return [] }
        let measured = scenario.duration.seconds - scenario.warmUp.seconds
        let total = outcomes.reduce(0) { $0 + $1.downtimeByCause.reduce(0, +) }
        guard total > 0, measured > 0 else { return [] }
        var rows: [DowntimeCause] = []
        for (c, cause) in OutageCause.allCases.enumerated() {
            let seconds = outcomes.map { $0.downtimeByCause[c] }
            let sum = seconds.reduce(0, +)
            guard sum > 0 else { continue }
            let interval = Self.interval(seconds.map { $0 / measured }, level: scenario.analysis.confidence)
            rows.append(DowntimeCause(label: CauseLabel(cause), unavailability: interval, share: sum / total))
        }
        // A stable sort keeps OutageCause order among equal contributions.
        return rows.enumerated().sorted {
            ($0.element.unavailability.estimate, -$0.offset) > ($1.element.unavailability.estimate, -$1.offset)
        }.map(\.element)
    }
}
