import Simulation

/// The recovery service (Oozie's RecoveryService): re-drive jobs whose actions are stuck.
extension SchedulerServer {
    func recover(olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling else { return }
        storeRequest(.scan(prefix: "wf/"), for: .recoveryScan(olderThan: olderThan), context)
    }

    /// Whether this server recovers `jobId`: every job for the leader; in load-balanced mode the
    /// jobs whose hash falls to this server's place among the live servers (Oozie partitions by id).
    func isMine(_ jobId: String) -> Bool {
        guard config.mode == .loadBalanced, !members.isEmpty, let me = members.firstIndex(of: config.serverId) else {
            return true
        }
        return Int(StableHash.fnv1a(jobId) % UInt64(members.count)) == me
    }

    func recoverRows(_ rows: [StoredRow], olderThan: SimDuration, _ context: ProcessContext) {
        guard isScheduling else { return }
        for row in rows {
            guard let stored = JobRow.decode(row.value), stored.job.status == .running, isMine(stored.job.id),
                context.now.nanoseconds - stored.modifiedNanoseconds >= olderThan.nanoseconds
            else { continue }
            for action in stored.job.actions {
                switch action.status {
                case .prep, .running:
                    // Relaunching is safe: the compute service knows the id and only re-attaches us.
                    let type = action.type
                    launch(action.launchId, type: type, context)
                case .startRetry, .userRetry:
                    // The retry timer died with the server that set it.
                    let event = WorkflowEvent.retryDue(action: action.name)
                    enqueue(SchedulerCommand(jobId: stored.job.id, work: .apply(event)), context)
                case .ok, .error, .killed, .failed: continue
                }
            }
        }
    }
}
