import Reliability

extension ScenarioAnalysis {
    /// The headline: the service unavailability over the whole measured time, with its interval at
    /// the scenario's confidence level (a single statement, so not family-adjusted), and what that
    /// means in nines and downtime. Nil for a system that measures no service unavailability.
    func headline() -> Headline? {
        guard let i = metricIDs.firstIndex(where: { $0.key == "service_unavailability" }) else { return nil }
        let level = scenario.analysis.confidence
        // Every outage counts, also one still under way when the run ended (censored).
        let outages = outcomes.reduce(0) { $0 + $1.outages.count }
        let observed = Double(outcomes.count) * (scenario.duration.seconds - scenario.warmUp.seconds)
        let estimate = measured(metric: i, level: level)
        let u = estimate.estimate
        if outages == 0 || u == 0 {
            guard let (length, source) = meanOutageForBound() else {
                return Headline(
                    metric: "service_availability", unavailability: 0, lower: 0, upper: nil, confidence: level,
                    method: "no failure model and no measured failover to bound the outage length",
                    outages: 0, observedSeconds: observed)
            }
            let bound = Headline.noOutageUpperBound(observedSeconds: observed, meanOutageSeconds: length, level: level)
            return Headline(
                metric: "service_availability", unavailability: 0, lower: 0, upper: bound, confidence: level,
                method: "Poisson bound on 0 outages × mean outage \(Headline.duration(length)) (\(source))",
                outages: 0, observedSeconds: observed)
        }
        // A measurement that is not a continuous fraction of time (the cluster's probe) says what it is.
        let method = pooledCycles(metric: i) == nil ? "\(estimate.method); \(metricIDs[i].title.lowercased())" : estimate.method
        return Headline(
            metric: "service_availability", unavailability: u, lower: min(u, estimate.lower), upper: max(u, estimate.upper),
            confidence: level, method: method, outages: outages, observedSeconds: observed)
    }

    /// The outage length that turns a Poisson bound on the number of outages into a bound on U
    /// when none was seen: the model's mean outage, else the mean measured failover.
    func meanOutageForBound() -> (seconds: Double, source: String)? {
        if let group, let mean = group.meanOutageSeconds { return (mean, "the \(group.name) model's mean outage") }
        let failovers = outcomes.flatMap(\.failoverSeconds)
        guard !failovers.isEmpty else { return nil }
        return (failovers.reduce(0, +) / Double(failovers.count), "mean measured failover")
    }
}

