import Simulation

/// The housekeeping services of a load-balanced server: scheduled on every server, done only by the
/// holder of the `concurrencyleader` latch, as Oozie's `PurgeService.PurgeRunnable.run` and the
/// others check `JobsConcurrencyService.isLeader()` at each run. The work itself (deleting old
/// rows, share-lib folders) is not modelled: a run is an observation of who did it, and when.
extension SchedulerServer {
    func startHousekeeping(_ context: ProcessContext) {
        guard config.mode == .loadBalanced else { return }
        for service in config.housekeeping { setTimer(.housekeeping(service), after: service.firstRun, context) }
    }

    func housekeepingFired(_ service: HousekeepingService, _ context: ProcessContext) {
        setTimer(.housekeeping(service), after: service.interval, context)
        guard isHousekeepingLeader else { return }
        context.emit(SchedulerObservation.housekeeping(service))
    }
}
