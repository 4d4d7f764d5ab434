import Orchestration
import Simulation

/// Reads the controllers of a `kubernetes` platform beyond the workloads: the
/// HorizontalPodAutoscaler of the scheduler Deployment.
enum KubernetesControllersReader {
    /// The most scheduler pods an autoscaler may ask for (each is a host of the simulation).
    static let maxSchedulerPods = 16

    /// `{"max_replicas": n, "target_requests_per_pod": x, "load": [{"at", "requests_per_second"}], …}`;
    /// the rest defaults to Kubernetes' (min 1, sync 15 s, tolerance 0.1, scale-down window 300 s).
    static func autoscaler(_ r: ScenarioReader) throws(ScenarioError) -> AutoscalerSettings {
        let m = try r.members(allowed: [
            "min_replicas", "max_replicas", "target_requests_per_pod", "sync_period", "tolerance", "scale_down_stabilization",
            "scale_up_stabilization", "load",
        ])
        guard let max = m["max_replicas"], let target = m["target_requests_per_pod"] else {
            throw r.fail("an object with \"max_replicas\" and \"target_requests_per_pod\"")
        }
        var s = AutoscalerSettings(
            workload: "oozie", maxReplicas: try max.integer(min: 1, max: maxSchedulerPods),
            targetRequestsPerPod: try target.number(Double.leastNonzeroMagnitude...1e9, "a positive number of requests per second"))
        if let x = m["min_replicas"] {
            s.minReplicas = try x.integer(min: 1, max: s.maxReplicas)
        }
        if let x = m["sync_period"] { s.syncPeriod = try x.duration() }
        if let x = m["tolerance"] { s.tolerance = try x.number(0...10, "a tolerance in [0, 10]") }
        if let x = m["scale_down_stabilization"] { s.scaleDownStabilization = try x.duration(positive: false) }
        if let x = m["scale_up_stabilization"] { s.scaleUpStabilization = try x.duration(positive: false) }
        if let x = m["load"] {
            var previous: SimDuration?
            for step in try x.elements() {
                let f = try step.members(allowed: ["at", "requests_per_second"])
                guard let at = f["at"], let rate = f["requests_per_second"] else {
                    throw step.fail("an object with \"at\" and \"requests_per_second\"")
                }
                let time = try at.duration(positive: false)
                if let previous, time <= previous { throw at.fail("a time after the previous step's (\(previous))") }
                previous = time
                s.load.append((time, try rate.number(0...1e9, "a request rate ≥ 0")))
            }
        }
        return s
    }
}

extension KubernetesControllersReader {
    /// `[{"name", "schedule", "workflow" | "coordinator", "concurrency_policy", "starting_deadline",
    /// "backoff_limit", "runs_for", "timeout"}]`: CronJobs whose Jobs submit through the Service.
    /// `workflows` and `coordinators` are the apps the servers know.
    static func cronJobs(_ r: ScenarioReader, workflows: [String], coordinators: [String])
        throws(ScenarioError) -> [(CronJobSettings, CronJobTask)]
    {
        var names: [String] = []
        return try r.elements().map { (e) throws(ScenarioError) in
            let m = try e.members(allowed: [
                "name", "schedule", "workflow", "coordinator", "concurrency_policy", "starting_deadline", "backoff_limit",
                "runs_for", "timeout",
            ])
            guard let nameReader = m["name"], let scheduleReader = m["schedule"] else {
                throw e.fail("an object with \"name\" and \"schedule\"")
            }
            guard case .string(let name) = nameReader.value, !name.isEmpty,
                name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), name.count <= 40
            else { throw nameReader.fail("a name of lowercase letters, digits and '-' (at most 40)") }
            guard !names.contains(name) else { throw nameReader.fail("a name no other CronJob has", hint: "\"\(name)\" is used twice") }
            names.append(name)
            guard case .string(let text) = scheduleReader.value else { throw scheduleReader.fail("a cron schedule such as \"*/15 * * * *\"") }
            let schedule: CronSchedule
            do throws(CronScheduleError) { schedule = try CronSchedule(text) } catch { throw scheduleReader.fail(error.message) }
            var job = CronJobSettings(name: name, schedule: schedule)
            if let x = m["concurrency_policy"] {
                job.concurrencyPolicy = try x.choice([("Allow", .allow), ("Forbid", .forbid), ("Replace", .replace)])
            }
            if let x = m["starting_deadline"] { job.startingDeadline = try x.duration() }
            if let x = m["backoff_limit"] { job.backoffLimit = try x.integer(min: 0, max: 100) }
            let submission: CronJobTask.Submission
            switch (m["workflow"], m["coordinator"]) {
            case (let w?, nil): submission = .workflow(app: try w.choice(workflows.map { ($0, $0) }))
            case (nil, let c?): submission = .coordinator(app: try c.choice(coordinators.map { ($0, $0) }))
            case (nil, nil): submission = .workflow(app: workflows[0])
            default: throw e.fail("at most one of \"workflow\" and \"coordinator\"")
            }
            var task = CronJobTask(submission: submission)
            if let x = m["runs_for"] { task.runsFor = try x.duration(positive: false) }
            if let x = m["timeout"] { task.timeout = try x.duration() }
            return (job, task)
        }
    }
}
