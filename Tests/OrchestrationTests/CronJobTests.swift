import Simulation
import Testing
@testable import Orchestration

/// A Job's container: runs `runFor`, then exits with `succeeds`; logs its start times.
final class JobScript: Process {
    final class Log { var starts: [Double] = [] }
    let runFor: SimDuration, succeeds: Bool, log: Log
    init(runFor: SimDuration, succeeds: Bool, log: Log) {
        (self.runFor, self.succeeds, self.log) = (runFor, succeeds, log)
    }
    func start(_ context: ProcessContext) {
        log.starts.append(context.now.seconds)
        context.setTimer(after: runFor, tag: 0)
    }
    func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {}
    func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {
        context.emit(ContainerExit(succeeded: succeeds))
        context.exit()
    }
}

@Suite struct CronJobTests {
    /// One CronJob on a cluster with no workloads; Job pods start 0.1 + 2 s after creation (+ 8 s the first time).
    func cron(_ job: CronJobSettings, runFor: Double, succeeds: Bool = true, events: [KubernetesEvent] = [])
        -> (Simulator, Orchestrator, JobScript.Log)
    {
        var settings = testSettings()
        settings.cronJobs = [job]
        settings.events = events
        let simulator = Simulator(seed: 1, recordTrace: false)
        let log = JobScript.Log()
        let hosts = (0..<job.podSlots).map { i in
            simulator.addHost("job\(i)") { _ in JobScript(runFor: SimDuration(seconds: runFor), succeeds: succeeds, log: log) }
        }
        let orchestrator = Orchestrator(settings: settings, groups: [], jobHosts: [hosts])
        orchestrator.attach(to: simulator)
        return (simulator, orchestrator, log)
    }

    func job(_ schedule: String, _ policy: CronJobSettings.ConcurrencyPolicy = .allow, deadline: Double? = nil) -> CronJobSettings {
        var s = CronJobSettings(name: "submit", schedule: try! CronSchedule(schedule))
        s.concurrencyPolicy = policy
        s.startingDeadline = deadline.map { SimDuration(seconds: $0) }
        return s
    }

    @Test func scheduleSyntax() throws {
        func next(_ text: String, after seconds: Int64) throws -> Double? {
            try CronSchedule(text).next(after: .zero + .seconds(seconds))?.seconds
        }
        #expect(try next("*/5 * * * *", after: 0) == 300)
        #expect(try next("*/5 * * * *", after: 300) == 600)
        #expect(try next("30 2 * * *", after: 0) == 2 * 3_600 + 1_800)
        #expect(try next("0 0 * * 1", after: 0) == 4 * 86_400)  // 1970-01-05 was the first Monday
        #expect(try next("0 0 * * 7", after: 0) == 3 * 86_400)  // 7 is Sunday
        #expect(try next("@hourly", after: 59) == 3_600)
        #expect(try next("0 0 1 2 *", after: 0) == 31 * 86_400)
        #expect(try next("5-10/5,50 * * * *", after: 360) == 600)
        #expect(try next("0 0 30 2 *", after: 0) == nil)
        for bad in ["* * * *", "61 * * * *", "*/0 * * * *", "@every 5m", "a * * * *", "5-1 * * * *"] {
            #expect(throws: CronScheduleError.self) { try CronSchedule(bad) }
        }
    }

    /// Forbid: while a Job runs, the scheduled times are skipped (each counted once); when it
    /// ends, the controller runs the most recent one late (no starting deadline).
    @Test func forbidSkipsWhileAJobRuns() {
        let (simulator, o, log) = cron(job("* * * * *", .forbid), runFor: 150)
        simulator.run(until: .zero + .seconds(230))
        // First Job at 60.1 s; its pod starts 10.1 s later (pull) and runs 150 s: until 220.2 s.
        #expect(log.starts.count == 2 && abs(log.starts[0] - 70.2) < 1e-6)
        #expect(o.cronCounts.skipped == 2)  // 120 and 180
        #expect(o.cronCounts.started == 2)
        #expect(o.cronCounts.missed == 1)  // 120 never ran
        #expect(abs(log.starts[1] - (220.2 + 2.1)) < 1e-6)  // the late run of 180 s, image cached
        #expect(o.jobs[1].scheduled == .zero + .seconds(180))
        #expect(o.cronCounts.succeeded == 1)
    }

    /// Allow lets Jobs overlap; Replace deletes the running Job for the new one.
    @Test func allowOverlapsAndReplaceDeletes() {
        let (allowSim, allow, allowLog) = cron(job("* * * * *", .allow), runFor: 150)
        allowSim.run(until: .zero + .seconds(200))
        #expect(allow.cronCounts.started == 3 && allowLog.starts.count == 3)
        let (replaceSim, replace, _) = cron(job("* * * * *", .replace), runFor: 150)
        replaceSim.run(until: .zero + .seconds(200))
        #expect(replace.cronCounts.started == 3 && replace.cronCounts.replaced == 2 && replace.cronCounts.succeeded == 0)
    }

    /// A schedule missed while the controller was down runs when it is back if it is still within
    /// startingDeadlineSeconds, and is missed if not.
    @Test(arguments: [(60.0, true), (30.0, false)])
    func missedScheduleWithinTheDeadlineStillRuns(deadline: Double, runs: Bool) {
        let down = KubernetesEvent(at: .zero + .seconds(50), .controllerManagerDown(for: .seconds(50)))
        let (simulator, o, log) = cron(job("* * * * *", deadline: deadline), runFor: 5, events: [down])
        simulator.run(until: .zero + .seconds(119))
        // 60 s was due while the controller was down; at 100 s it is 40 s late.
        #expect(o.cronCounts.started == (runs ? 1 : 0))
        #expect(o.cronCounts.missed == (runs ? 0 : 1))
        if runs { #expect(log.starts.count == 1 && abs(log.starts[0] - (100 + 10.1)) < 1e-6) }
    }

    /// More than 100 missed schedules: the controller warns (TooManyMissedTimes) and still runs the
    /// most recent one (cronjob_controllerv2; the CronJob docs' "does not start the job" is the v1
    /// controller's behaviour). A starting deadline bounds the count, so no warning.
    @Test(arguments: [(nil, 1), (200.0, 0)] as [(Double?, Int)])
    func tooManyMissedSchedules(deadline: Double?, warnings: Int) {
        let down = KubernetesEvent(at: .zero + .seconds(30), .controllerManagerDown(for: .hours(2)))
        let (simulator, o, log) = cron(job("* * * * *", deadline: deadline), runFor: 5, events: [down])
        simulator.run(until: .zero + .seconds(7_230 + 20))
        #expect(o.cronCounts.tooManyMissed == warnings)
        #expect(o.cronCounts.started == 1 && log.starts.count == 1)
        #expect(o.cronCounts.missed == 119)  // 60 … 7140 s never ran
        #expect(o.jobs[0].scheduled == .zero + .seconds(7_200))
    }

    /// A failing pod is retried after 10, 20, 40 … s (the Job controller's pod failure back-off);
    /// after backoffLimit retries the Job fails.
    @Test func failedPodsBackOffUntilTheJobFails() {
        var spec = job("0 * * * *")
        spec.backoffLimit = 2
        let (simulator, o, log) = cron(spec, runFor: 1, succeeds: false)
        simulator.run(until: .zero + .seconds(3_700))
        // Job at 3600.1; pods start +10.1 (pull), then each ends 1 s later and is retried after 10, 20 s (+2.1 start).
        let first = 3_600.1 + 10.1
        let expected = [first, first + 1 + 10 + 2.1, first + 1 + 10 + 2.1 + 1 + 20 + 2.1]
        #expect(log.starts.count == 3)
        for (got, want) in zip(log.starts, expected) { #expect(abs(got - want) < 1e-6) }
        #expect(o.cronCounts.failed == 1 && o.cronCounts.succeeded == 0)
    }
}
