import Simulation

/// The housekeeping services of a load-balanced server besides the purge (`SchedulerServer+Purge.swift`):
/// scheduled on every server, done only by the holder of the `concurrencyleader` latch, as Oozie's
/// `ShareLibService` and `SchemaCheckerService` check `JobsConcurrencyService.isLeader()` at each
/// run. Their work (share-lib folders on HDFS, the database schema) is not modelled: a run is an
/// observation of who did it, and when.
extension SchedulerServer {
    func startHousekeeping(_ context: ProcessContext) {
        guard config.mode == .loadBalanced else { return }
        precondition(!config.housekeeping.contains(.purge), "the purge runs on its own settings (PurgeSettings)")
        for service in config.housekeeping { setTimer(.housekeeping(service), after: service.firstRun, context) }
    }

    func housekeepingFired(_ service: HousekeepingService, _ context: ProcessContext) {
        setTimer(.housekeeping(service), after: service.interval, context)
        guard isHousekeepingLeader else { return }
        context.emit(SchedulerObservation.housekeeping(service))
    }
}
