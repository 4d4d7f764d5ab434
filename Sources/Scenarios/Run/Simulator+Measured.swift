import Simulation

extension Simulator {
    /// Runs a replication on to `end`, telling `progress` (when given) the fraction of the scenario's
    /// simulated time done, about 200 times: the progress bar moves within a long replication. The
    /// events run are the same with or without it.
    func run(until end: SimTime, progress: ((Double) -> Void)?) {
        guard let progress, end.nanoseconds > 0 else { return run(until: end) }
        let step = SimDuration(nanoseconds: max(1, end.nanoseconds / 200))
        run(until: end, reportingEvery: step) { progress(min(1, Double($0.nanoseconds) / Double(end.nanoseconds))) }
    }
}
