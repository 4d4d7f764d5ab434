import Coordination
import Foundation
import Scheduler
import Simulation

/// Reads the `cluster` member of a scenario.
enum ClusterReader {
    /// The workflow the probe submits when the scenario names none: one action between start and end.
    static let defaultWorkflow = #"""
        {"name": "probe-app", "start": "work",
         "nodes": [{"name": "work", "type": "action", "action": "shell", "ok": "done", "error": "fail"},
                   {"name": "done", "type": "end"}, {"name": "fail", "type": "kill", "message": "work failed"}]}
        """#

    static func read(_ r: ScenarioReader) throws(ScenarioError) -> ClusterSpec {
        let m = try r.members(allowed: [
            "zookeeper", "schedulers", "mode", "fencing", "version_checks", "idempotent_launches", "balancer_policy",
            "action_duration", "action_failures", "database", "health_check", "session_timeout", "latch",
            "shutdown_on_session_loss", "supervisor_restart_delay",
            "workflow", "probe", "failures", "workload", "platform",
        ])
        guard let zk = m["zookeeper"], let schedulers = m["schedulers"], let mode = m["mode"] else {
            throw r.fail("an object with \"zookeeper\", \"schedulers\" and \"mode\"")
        }
        let ensemble = try ScenarioLoader.readEnsembleMembers(zk)
        var spec = ClusterSpec(
            ensemble: ensemble, schedulers: try schedulers.integer(min: 1, max: 9),
            mode: try mode.choice([("active-standby", HAMode.activeStandby), ("load-balanced", .loadBalanced)]),
            fencing: try m["fencing"]?.bool() ?? true, versionChecks: try m["version_checks"]?.bool() ?? true,
            balancerPolicy: try m["balancer_policy"]?.choice(
                [("round-robin", .roundRobin), ("weighted-round-robin", .weightedRoundRobin),
                 ("least-connections", .leastConnections), ("source-hash", .sourceHash)]) ?? .roundRobin,
            actionDuration: try m["action_duration"].map(DistributionReader.distribution) ?? .exponential(mean: 60),
            workflow: try workflow(m["workflow"], context: r.context),
            probeInterval: .seconds(30), probeTimeout: .seconds(10),
            schedulerFailure: nil, databaseFailure: nil, balancerFailure: nil)
        if let x = m["idempotent_launches"] { spec.idempotentLaunches = try x.bool() }
        if let failures = m["action_failures"] {
            let f = try failures.members(allowed: ["probability", "transient_share"])
            if let x = f["probability"] { spec.actionFailureProbability = try x.probability() }
            if let x = f["transient_share"] { spec.actionTransientShare = try x.probability() }
        }
        if let database = m["database"] {
            let d = try database.members(allowed: ["service_time"])
            if let x = d["service_time"] { spec.databaseServiceTime = try x.duration() }
        }
        if let health = m["health_check"] {
            let h = try health.members(allowed: ["interval", "timeout", "fall", "rise"])
            if let x = h["interval"] { spec.healthCheck.interval = try x.interval() }
            if let x = h["timeout"] { spec.healthCheck.timeout = try x.interval() }
            if let x = h["fall"] { spec.healthCheck.fall = try x.integer(min: 1, max: 100) }
            if let x = h["rise"] { spec.healthCheck.rise = try x.integer(min: 1, max: 100) }
        }
        if let x = m["session_timeout"] { spec.sessionTimeout = try x.duration() }
        if let x = m["latch"] {
            spec.latch = try x.choice([("curator-2.5", LatchReconnectPolicy.reset), ("curator-5.4", .recheck)])
        }
        if let x = m["shutdown_on_session_loss"] { spec.exitOnSessionLoss = try x.bool() }
        if let x = m["supervisor_restart_delay"] {
            if case .null = x.value { spec.supervisorRestartDelay = nil } else { spec.supervisorRestartDelay = try x.duration() }
        }
        if let probe = m["probe"] {
            let p = try probe.members(allowed: ["interval", "timeout"])
            if let x = p["interval"] { spec.probeInterval = try x.interval() }
            if let x = p["timeout"] { spec.probeTimeout = try x.interval() }
        }
        if let workload = m["workload"] { spec.workload = try WorkloadReader.read(workload, probeWorkflow: spec.workflow) }
        if let platform = m["platform"],
            let (settings, tasks) = try KubernetesReader.platform(
                platform, workflows: [spec.workflow.name] + spec.workload.workflows.map(\.name),
                coordinators: spec.workload.coordinators.map(\.name))
        {
            spec.kubernetes = settings
            spec.cronJobTasks = tasks
        }
        if let failures = m["failures"] {
            let f = try failures.members(allowed: ["zookeeper", "schedulers", "database", "balancer"])
            if let x = f["zookeeper"] { spec.ensemble.failure = try DistributionReader.failureModel(x, maxCrews: ensemble.servers) }
            if let x = f["schedulers"] { spec.schedulerFailure = try DistributionReader.failureModel(x, maxCrews: spec.schedulers) }
            if let x = f["database"] { spec.databaseFailure = try DistributionReader.failureModel(x, maxCrews: 1) }
            if let x = f["balancer"] { spec.balancerFailure = try DistributionReader.failureModel(x, maxCrews: 1) }
        }
        return spec
    }

    /// The workflow written inline (the JSON workflow format), or the file named relative to the
    /// scenario file (Oozie XML or JSON), or the default.
    static func workflow(_ r: ScenarioReader?, context: ScenarioReader.Context) throws(ScenarioError) -> ValidatedWorkflow {
        let (data, file) = try r.map { r throws(ScenarioError) in
            try definition(r, expected: "a workflow file (Oozie XML or JSON) relative to the scenario")
        } ?? (Data(defaultWorkflow.utf8), "built-in probe-app")
        switch WorkflowLoader.load(data, file: file) {
        case .success(let workflow): return workflow
        case .failure(let errors):
            throw ScenarioError(
                file: context.file, path: r?.path ?? "$.cluster.workflow", expected: "a valid workflow",
                found: "\(errors)")
        }
    }

    /// A definition written inline as a JSON object, or the file a string names relative to the
    /// file being read; with the name its errors should give.
    static func definition(_ r: ScenarioReader, expected: String) throws(ScenarioError) -> (data: Data, file: String) {
        if case .object = r.value { return (Data(JSONWriter.write(r.value).utf8), "\(r.context.file) \(r.path)") }
        let name = try r.string()
        let base = URL(fileURLWithPath: r.context.file).deletingLastPathComponent()
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : base.appendingPathComponent(name)
        do {
            return (Data(try InputFile.read(url.path, expected: expected)), url.path)
        } catch {
            throw r.fail(expected, hint: error.found == "no such file" ? "no file at \(url.path)" : "\(error.found) at \(url.path)")
        }
    }
}
