import Simulation

/// Oozie's `CoordMaterializeTriggerService` (`CoordMaterializeTriggerRunnable.run`): every lookup
/// interval each server tries the cluster-wide lock once; the holder queues a materialization of
/// every running coordinator (each then runs as a command under the job's own lock) and releases
/// it. A holder that dies keeps the lock until its session expires, so the others skip their runs
/// meanwhile and materialize at their next run after that.
extension SchedulerServer {
    func startMaterializationTrigger(_ context: ProcessContext) {
        guard let trigger = config.materializationTrigger else { return }
        setTimer(.materializationTrigger, after: trigger.firstRun, context)
    }

    func materializationTriggerFired(_ context: ProcessContext) {
        guard let trigger = config.materializationTrigger else { return }
        setTimer(.materializationTrigger, after: trigger.lookupInterval, context)
        guard isScheduling else { return }
        guard config.mode == .loadBalanced else {
            // Active-standby (Nines' own design): only the leader schedules, so it needs no lock.
            return scanForMaterialization(context)
        }
        // `getWriteLock(name, lockTimeout)` with Oozie's unset service lock timeout: 0, one try.
        handle(coordination.acquireLock(MaterializationTrigger.lockKey, timeout: .zero, context), context)
    }

    /// The lock is held (or needed none): list the running coordinators.
    func scanForMaterialization(_ context: ProcessContext) {
        context.emit(SchedulerObservation.materializationTriggered)
        storeRequest(.scan(prefix: Self.activeKey("coord/")), for: .materializationScan, context)
    }

    /// Queues one materialization per running coordinator, in id order, then releases the lock.
    func materializationScanned(_ rows: [StoredRow]?, _ context: ProcessContext) {
        for row in rows ?? [] {
            let id = String(row.key.dropFirst(Self.activeKey("coord/").count))
            enqueue(SchedulerCommand(jobId: id, work: .coordinator(.materialize)), context)
        }
        if config.mode == .loadBalanced { handle(coordination.releaseLock(MaterializationTrigger.lockKey, context), context) }
    }

    /// How the server's coordinator jobs materialize.
    var coordinatorMaterialization: CoordinatorMaterialization {
        config.materializationTrigger?.materialization ?? .atNominalTime
    }
}
