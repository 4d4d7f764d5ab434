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

    /// The most action nodes a workflow the scenario runs may have.
    static let maximumActions = 100

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
        // The members every other one depends on; after them, each mistake is recorded and reading goes on.
        let ensemble = try ScenarioLoader.readEnsembleMembers(zk)
        var spec = ClusterSpec(
            ensemble: ensemble, schedulers: try schedulers.integer(min: 1, max: 9),
            mode: try mode.choice([("active-standby", HAMode.activeStandby), ("load-balanced", .loadBalanced)]),
            fencing: true, versionChecks: true, balancerPolicy: .roundRobin, actionDuration: .exponential(mean: 60),
            workflow: try workflow(m["workflow"], context: r.context),
            probeInterval: .seconds(30), probeTimeout: .seconds(10),
            schedulerFailure: nil, databaseFailure: nil, balancerFailure: nil)
        m["fencing"].read(into: &spec.fencing) { r throws(ScenarioError) in try r.bool() }
        m["version_checks"].read(into: &spec.versionChecks) { r throws(ScenarioError) in try r.bool() }
        m["balancer_policy"].read(into: &spec.balancerPolicy) { r throws(ScenarioError) in
            try r.choice([("round-robin", .roundRobin), ("weighted-round-robin", .weightedRoundRobin),
                           ("least-connections", .leastConnections), ("source-hash", .sourceHash)])
        }
        m["action_duration"].read(into: &spec.actionDuration, DistributionReader.distribution)
        m["idempotent_launches"].read(into: &spec.idempotentLaunches) { r throws(ScenarioError) in try r.bool() }
        if let f = m["action_failures"]?.recover({ r throws(ScenarioError) in try r.members(allowed: ["probability", "transient_share"]) }) {
            f["probability"].read(into: &spec.actionFailureProbability) { r throws(ScenarioError) in try r.probability() }
            f["transient_share"].read(into: &spec.actionTransientShare) { r throws(ScenarioError) in try r.probability() }
        }
        if let d = m["database"]?.recover({ r throws(ScenarioError) in try r.members(allowed: ["service_time"]) }) {
            d["service_time"].read(into: &spec.databaseServiceTime) { r throws(ScenarioError) in try r.duration() }
        }
        if let h = m["health_check"]?.recover({ r throws(ScenarioError) in try r.members(allowed: ["interval", "timeout", "fall", "rise"]) }) {
            h["interval"].read(into: &spec.healthCheck.interval) { r throws(ScenarioError) in try r.interval() }
            h["timeout"].read(into: &spec.healthCheck.timeout) { r throws(ScenarioError) in try r.interval() }
            h["fall"].read(into: &spec.healthCheck.fall) { r throws(ScenarioError) in try r.integer(min: 1, max: 100) }
            h["rise"].read(into: &spec.healthCheck.rise) { r throws(ScenarioError) in try r.integer(min: 1, max: 100) }
        }
        m["session_timeout"].read(into: &spec.sessionTimeout) { r throws(ScenarioError) in try r.duration() }
        m["latch"].read(into: &spec.latch) { r throws(ScenarioError) in try r.choice([("curator-2.5", LatchReconnectPolicy.reset), ("curator-5.4", .recheck)]) }
        m["shutdown_on_session_loss"].read(into: &spec.exitOnSessionLoss) { r throws(ScenarioError) in try r.bool() }
        m["supervisor_restart_delay"].read(into: &spec.supervisorRestartDelay) { x throws(ScenarioError) in
            if case .null = x.value { return nil } else { return try x.duration() }
        }
        if let p = m["probe"]?.recover({ r throws(ScenarioError) in try r.members(allowed: ["interval", "timeout"]) }) {
            p["interval"].read(into: &spec.probeInterval) { r throws(ScenarioError) in try r.interval() }
            p["timeout"].read(into: &spec.probeTimeout) { r throws(ScenarioError) in try r.interval() }
        }
        m["platform"].read(into: &spec.kubernetes, KubernetesReader.platform)
        m["workload"].read(into: &spec.workload) { r throws(ScenarioError) in try WorkloadReader.read(r, probeWorkflow: spec.workflow) }
        if let f = m["failures"]?.recover({ r throws(ScenarioError) in try r.members(allowed: ["zookeeper", "schedulers", "database", "balancer"]) }) {
            f["zookeeper"].read(into: &spec.ensemble.failure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: ensemble.servers) }
            f["schedulers"].read(into: &spec.schedulerFailure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: spec.schedulers) }
            f["database"].read(into: &spec.databaseFailure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: 1) }
            f["balancer"].read(into: &spec.balancerFailure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: 1) }
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
        case .success(let workflow):
            let actions = workflow.definition.nodes.count { if case .action = $0.kind { true } else { false } }
            guard actions <= maximumActions else {
                throw ScenarioError(
                    file: context.file, path: r?.path ?? "$.cluster.workflow", line: r.flatMap { context.lines[$0.path] },
                    expected: "a workflow of at most \(maximumActions) action nodes",
                    found: "\(actions) in \"\(JSONText.truncated(workflow.name, limit: 40))\"",
                    hint: "a job's cost in the simulated engine grows faster than its action count "
                        + "(10 jobs of 300 actions: over 3 minutes of a debug build); split it into several workflows")
            }
            return workflow
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
