import Simulation

/// One CronJob's controller state.
struct CronJobState {
    /// `status.lastScheduleTime`; nil: never scheduled (the CronJob was created at time zero).
    var lastScheduleTime: SimTime?
    /// Active Jobs (indices into `jobs`), oldest first.
    var active: [Int] = []
    /// The pod slots: the Job whose pod runs there, if any.
    var slots: [Int?]
    let hosts: [HostID]
    /// Scheduled times up to here are accounted for: run, or counted as missed.
    var accountedThrough = SimTime.zero
    /// The last scheduled time counted as skipped by Forbid (each counts once).
    var lastSkipped: SimTime?
    /// Bumped whenever a sync is queued: only the latest fires.
    var syncVersion: UInt32 = 0
    var imagePulled = false
}

/// One Job: a pod at a time until one succeeds or more than backoffLimit have failed.
struct JobState {
    let cronJob: Int
    let scheduled: SimTime
    var failures = 0
    /// The slot its pod runs in, if it has one now.
    var slot: Int?
    /// Bumped whenever its pod starts or stops; events of an older pod are stale.
    var generation: UInt32 = 0
    var waitingForSlot = false
    var exitSucceeded: Bool?
}

/// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go `syncCronJob`, utils.go
/// `mostRecentScheduleTime`) and the Job controller's pod retries (pkg/controller/job).
extension Orchestrator {
    /// The controller requeues a CronJob this long after its next scheduled time (`nextScheduleDelta`).
    static let nextScheduleDelta = SimDuration.milliseconds(100)
    /// Job pod failure back-off (job_controller.go `DefaultJobPodFailureBackOff`, `MaxJobPodFailureBackOff`).
    static let jobBackoffInitial = SimDuration.seconds(10), jobBackoffMaximum = SimDuration.minutes(10)

    func attachCronJobs() {
        for c in cronJobs.indices {
            for host in cronJobs[c].hosts where simulator.status(of: host) != .crashed { simulator.crash(host, mode: .host) }
            requeue(c)
        }
    }

    /// Queues the next sync of CronJob `c` at its next scheduled time after now.
    func requeue(_ c: Int) {
        guard let next = settings.cronJobs[c].schedule.next(after: simulator.now) else { return }
        queueSync(c, at: next + Self.nextScheduleDelta)
    }

    func queueSync(_ c: Int, at time: SimTime) {
        cronJobs[c].syncVersion &+= 1
        schedule(.cronSync, at: time, payload(c, cronJobs[c].syncVersion))
    }

    /// The most recent scheduled time not later than now that the controller would still consider,
    /// and how many were missed (`mostRecentScheduleTime` with the starting deadline).
    func mostRecentScheduleTime(_ c: Int) -> (time: SimTime, missed: Int64)? {
        let spec = settings.cronJobs[c]
        var earliest = cronJobs[c].lastScheduleTime ?? .zero
        if let deadline = spec.startingDeadline, simulator.now - deadline > earliest { earliest = simulator.now - deadline }
        guard let t1 = spec.schedule.next(after: earliest), t1 <= simulator.now else { return nil }
        guard let t2 = spec.schedule.next(after: t1), t2 <= simulator.now else { return (t1, 1) }
        // Like the source, assumes evenly spaced times from t1 (exact for */n minute schedules).
        let gap = (t2 - t1).nanoseconds, elapsed = (simulator.now - t1).nanoseconds
        let missed = elapsed / gap + 1
        return (t1 + SimDuration(nanoseconds: (missed - 1) * gap), missed)
    }

    /// One sync of CronJob `c` (`syncCronJob`).
    func cronSync(_ c: Int) {
        guard simulator.now >= controllerDownUntil else { return }  // the controller resyncs when it is back
        defer { requeue(c) }
        let spec = settings.cronJobs[c]
        // Times older than the starting deadline can never run now.
        if let deadline = spec.startingDeadline { countMissed(c, before: simulator.now - deadline + .nanoseconds(1)) }
        guard let (scheduled, missedCount) = mostRecentScheduleTime(c) else { return }
        if missedCount > 100 {
            countCron { $0.tooManyMissed += 1 }
            note("cronjob-too-many-missed", "\(spec.name): \(missedCount) missed start times")
        }
        if let deadline = spec.startingDeadline, scheduled + deadline < simulator.now { return }  // `tooLate`
        if cronJobs[c].active.contains(where: { jobs[$0].scheduled == scheduled }) { return }
        if spec.concurrencyPolicy == .forbid && !cronJobs[c].active.isEmpty {
            if cronJobs[c].lastSkipped != scheduled {
                cronJobs[c].lastSkipped = scheduled
                countCron { $0.skipped += 1 }
                note("cronjob-skipped", "\(spec.name) at \(scheduled.seconds)s: a Job is active")
            }
            return
        }
        if spec.concurrencyPolicy == .replace {
            for j in cronJobs[c].active {
                stopJobPod(j)
                countCron { $0.replaced += 1 }
            }
            cronJobs[c].active = []
        }
        countMissed(c, before: scheduled)
        cronJobs[c].accountedThrough = scheduled
        cronJobs[c].lastScheduleTime = scheduled
        jobs.append(JobState(cronJob: c, scheduled: scheduled))
        cronJobs[c].active.append(jobs.count - 1)
        countCron { $0.started += 1 }
        note("job-created", "\(spec.name) for \(scheduled.seconds)s")
        startJobPod(jobs.count - 1)
    }

    /// The Job controller creates a pod; without a free slot the Job waits for one.
    func startJobPod(_ j: Int) {
        let c = jobs[j].cronJob
        guard let slot = cronJobs[c].slots.firstIndex(where: { $0 == nil }) else {
            jobs[j].waitingForSlot = true
            return
        }
        jobs[j].waitingForSlot = false
        cronJobs[c].slots[slot] = j
        jobs[j].slot = slot
        jobs[j].generation &+= 1
        jobs[j].exitSucceeded = nil
        var delay = settings.schedulingLatency.sampleDuration(&jobStreams[c]) + settings.containerStart.sampleDuration(&jobStreams[c])
        if !cronJobs[c].imagePulled {  // simplification: one node pulls for all, as if the Job pods shared it
            delay = delay + settings.imagePull.sampleDuration(&jobStreams[c])
            cronJobs[c].imagePulled = true
        }
        schedule(.jobPodStart, at: simulator.now + delay, payload(j, jobs[j].generation))
    }

    /// The Job pod's container starts: its process runs the Job's command from a fresh disk.
    func jobPodStarted(_ j: Int) {
        guard let slot = jobs[j].slot else { return }
        let host = cronJobs[jobs[j].cronJob].hosts[slot]
        note("job-pod-started", settings.cronJobs[jobs[j].cronJob].name, host: host)
        simulator.restart(host, wipeDisk: true)
    }

    /// A Job pod's host exited or was stopped: the pod succeeded or failed by its exit status.
    func jobPodEnded(_ j: Int) {
        let c = jobs[j].cronJob
        guard let slot = jobs[j].slot else { return }
        let succeeded = jobs[j].exitSucceeded ?? false
        freeSlot(c, slot)
        jobs[j].slot = nil
        jobs[j].generation &+= 1
        if succeeded {
            finishJob(j, succeeded: true)
        } else {
            jobs[j].failures += 1
            if jobs[j].failures > settings.cronJobs[c].backoffLimit {
                finishJob(j, succeeded: false)
            } else {
                let doublings = min(jobs[j].failures - 1, 16)
                let delay = min(Self.jobBackoffInitial * Int64(1 << doublings), Self.jobBackoffMaximum)
                schedule(.jobPodRetry, at: simulator.now + delay, payload(j, jobs[j].generation))
            }
        }
    }

    func finishJob(_ j: Int, succeeded: Bool) {
        let c = jobs[j].cronJob
        cronJobs[c].active.removeAll { $0 == j }
        countCron { succeeded ? ($0.succeeded += 1) : ($0.failed += 1) }
        note(succeeded ? "job-succeeded" : "job-failed", "\(settings.cronJobs[c].name) for \(jobs[j].scheduled.seconds)s")
        queueSync(c, at: simulator.now)  // the Job's change wakes the CronJob controller
    }

    /// Deletes a Job (Replace): its pod is killed, its retries cancelled.
    func stopJobPod(_ j: Int) {
        jobs[j].generation &+= 1
        jobs[j].waitingForSlot = false
        guard let slot = jobs[j].slot else { return }
        let c = jobs[j].cronJob
        jobs[j].slot = nil
        cronJobs[c].slots[slot] = nil  // before the kill, so the crash is not taken for the pod's own end
        let host = cronJobs[c].hosts[slot]
        if simulator.status(of: host) != .crashed { simulator.crash(host) }
    }

    func freeSlot(_ c: Int, _ slot: Int) {
        cronJobs[c].slots[slot] = nil
        if let waiting = cronJobs[c].active.first(where: { jobs[$0].waitingForSlot }) { startJobPod(waiting) }
    }

    /// A Job pod's exit status, reported by its process.
    func jobPodExit(_ host: HostID, succeeded: Bool) {
        guard let (c, slot) = jobSlotOfHost[host.index], let j = cronJobs[c].slots[slot] else { return }
        jobs[j].exitSucceeded = succeeded
    }

    /// A Job pod's host went down: its container ended.
    func jobPodHostCrashed(_ host: HostID) {
        guard let (c, slot) = jobSlotOfHost[host.index], let j = cronJobs[c].slots[slot] else { return }
        schedule(.jobPodEnded, at: simulator.now, payload(j, jobs[j].generation))
    }

    /// The controller manager stops until `until`; the CronJob controller then syncs every CronJob.
    func controllerManagerDown(until: SimTime) {
        controllerDownUntil = max(controllerDownUntil, until)
        note("controller-manager-down", "until \(until.seconds)s")
        schedule(.controllerManagerUp, at: until, 0)
    }

    func controllerManagerUp() {
        guard simulator.now >= controllerDownUntil else { return }
        note("controller-manager-up", "")
        for c in cronJobs.indices { queueSync(c, at: simulator.now) }
    }

    /// Counts the scheduled times after those accounted for and before `limit` as missed: the
    /// controller runs only the most recent due time, and none older than its starting deadline.
    /// (Kubernetes reports no event for them; Nines counts them so the report can.)
    func countMissed(_ c: Int, before limit: SimTime) {
        var t = cronJobs[c].accountedThrough, missed = 0
        while let next = settings.cronJobs[c].schedule.next(after: t), next < limit, missed < 1_000_000 {
            missed += 1
            t = next
        }
        guard missed > 0 else { return }
        cronJobs[c].accountedThrough = t
        countCron { $0.missed += missed }
        note("cronjob-missed", "\(settings.cronJobs[c].name): \(missed) scheduled time(s) never run")
    }

    func countCron(_ change: (inout CronJobCounts) -> Void) {
        if simulator.now >= measureFrom { change(&cronCounts) }
    }
}
