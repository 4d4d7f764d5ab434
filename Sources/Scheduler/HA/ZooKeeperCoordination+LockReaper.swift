import Coordination
import Simulation

/// Oozie's lock reaper: `ZKLocksService.init` starts a Curator `ChildReaper` on `/locks` with
/// `Reaper.Mode.REAP_INDEFINITELY`, a threshold of `oozie.service.ZKLocksService.locks.reaper.threshold`
/// (300 s) and the leader path `ZKUtils.ZK_BASE_SERVICES_PATH + "/locksChildReaperLeaderPath"`,
/// so one server deletes the lock directories every server leaves behind.
extension ZooKeeperCoordination {
    /// Starts the reaper with the process, as Oozie starts it with the service (once per process:
    /// a new session keeps it and re-joins its latch).
    func startLockReaper(_ context: ProcessContext) {
        guard let threshold = lockReaperThreshold, reaper == nil else { return }
        let reaper = ChildReaper(
            path: root + "/locks", leaderPath: root + "/services/locksChildReaperLeaderPath", participantID: owner,
            threshold: threshold, latchPolicy: latchPolicy,
            timerTags: (timerTagBase + Self.reaperWorkTag, timerTagBase + Self.reaperCheckTag))
        self.reaper = reaper
        reaper.start(client, context)
    }
}
