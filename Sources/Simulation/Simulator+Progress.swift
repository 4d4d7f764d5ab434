extension Simulator {
    /// Runs until `end` exactly as ``run(until:)`` does, and calls `report` with the virtual time
    /// reached after every `step` of it, so a caller can show progress within one long run.
    ///
    /// The same events run in the same order: ``run(until:)`` called for consecutive instants is the
    /// same run as one call for the last (each call dispatches the events up to its instant, and none
    /// happen at the instants between); a ``stop()`` ends it as it would end one call. `report` must
    /// not touch the simulation.
    public func run(until end: SimTime, reportingEvery step: SimDuration, _ report: (SimTime) -> Void) {
        precondition(step > .zero, "a progress step must be positive")
        var next = now + step
        while next < end {
            run(until: next)
            if stopRequested { return }
            report(now)
            next = next + step
        }
        run(until: end)
        report(now)
    }
}
