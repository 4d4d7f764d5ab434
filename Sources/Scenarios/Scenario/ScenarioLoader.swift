import Foundation
import Simulation

/// Reads and validates scenario files.
public enum ScenarioLoader {
    /// Reads a scenario file; every problem is a ``ScenarioError`` naming the file and JSON path.
    public static func load(file: String) throws(ScenarioError) -> Scenario {
        try parse(try InputFile.read(file, expected: "a readable JSON file"), file: file)
    }

    /// Validates scenario text; `file` is used in error messages.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        try parse(Array(text.utf8), file: file)
    }

    /// Validates scenario bytes; invalid UTF-8 is an error, not silently replaced.
    public static func parse(_ bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        let parsed: (value: JSONValue, lines: [String: Int])
        do { parsed = try JSONParser.parse(bytes) } catch {
            throw ScenarioError(
                file: file, path: "$", line: error.line, expected: "valid JSON", found: error.message,
                hint: "column \(error.column)")
        }
        let root = ScenarioReader(value: parsed.value, path: "$", context: .init(file: file, lines: parsed.lines))
        let scenario = root.recover(read) ?? nil
        if let failure = root.context.failure { throw failure }
        guard let scenario else { preconditionFailure("a scenario that was not read has an error") }
        return scenario
    }

    static let topLevel = [
        "$schema", "name", "description", "kind", "seed", "duration", "warm_up", "replications", "components",
        "ensemble", "cluster", "network", "faults", "analysis", "expectations", "rare_event",
    ]

    /// Reads every member it can: a mistake in one is recorded and the others are still read, so
    /// that the file's errors are reported together. Members that depend on another (the faults
    /// on the system's hosts) are checked only when that one is valid. Nil if anything was wrong.
    private static func read(_ root: ScenarioReader) throws(ScenarioError) -> Scenario? {
        let m = try root.members(allowed: topLevel)
        func required(_ key: String) -> ScenarioReader? {
            guard let reader = m[key] else {
                root.context.record(ScenarioError(
                    file: root.context.file, path: "$.\(key)", expected: "a value", found: "nothing",
                    hint: "\"\(key)\" is required"))
                return nil
            }
            return reader
        }
        let name = required("name")?.recover { r throws(ScenarioError) in
            let name = try r.string()
            guard Scenario.isSafeName(name) else {
                throw r.fail(
                    "a name of at most \(Scenario.maximumNameLength) ASCII letters, digits, '-', '_' or '.', not starting with '.'",
                    hint: "it names the output folder notebooks-out/<name>")
            }
            return name
        }
        let duration = required("duration")?.recover { r throws(ScenarioError) in try r.duration() }
        var warmUp = SimDuration.zero
        m["warm_up"].read(into: &warmUp) { r throws(ScenarioError) in
            let warmUp = try r.duration(positive: false)
            if let duration, warmUp >= duration { throw r.fail("a warm-up shorter than the duration (\(duration))") }
            return warmUp
        }
        let kind = required("kind")?.recover { r throws(ScenarioError) in try r.choice([("components", "components"), ("ensemble", "ensemble"), ("cluster", "cluster")]) }
        let system = kind.flatMap(required)?.recover { r throws(ScenarioError) -> SystemSpec in
            switch kind {
            case "ensemble": return .ensemble(try readEnsemble(r))
            case "cluster": return .cluster(try ClusterReader.read(r))
            default: return .components(try readComponents(r))
            }
        }
        let description = m["description"]?.recover { r throws(ScenarioError) in try r.string() } ?? ""
        let seed = required("seed")?.recover { r throws(ScenarioError) in try r.seed() }
        let replications = required("replications")?.recover(readReplications)
        var network = LinkSettings()
        m["network"].read(into: &network, readNetwork)
        var analysis = AnalysisSpec()
        m["analysis"].read(into: &analysis, readAnalysis)
        guard let system else {
            return nil  // the faults, expectations and rare_event name the system's hosts, kinds and metrics
        }
        let faults = readFaults(m["faults"], system: system, duration: duration)
        var expectations = Expectations()
        m["expectations"].read(into: &expectations) { r throws(ScenarioError) in
            try readExpectations(r, metrics: ReplicationRunner.metricIDs(of: system).map(\.key))
        }
        let rareEvent = faults.flatMap { faults in
            m["rare_event"]?.recover { r throws(ScenarioError) in try RareEventReader.read(r, system: system, faults: faults) }
        }
        guard let name, let duration, let seed, let replications, let faults, root.context.failure == nil else { return nil }
        return Scenario(
            name: name, description: description, seed: seed, duration: duration, warmUp: warmUp,
            replications: replications, system: system, network: network, faults: faults, analysis: analysis,
            expectations: expectations, rareEvent: rareEvent)
    }

    /// The scripted faults, each checked on its own: a time within the run, hosts and message
    /// kinds of `system`. Nil if any is wrong.
    private static func readFaults(_ r: ScenarioReader?, system: SystemSpec, duration: SimDuration?) -> [FaultSpec]? {
        guard let r else { return [] }
        guard let entries = r.recover({ r throws(ScenarioError) in try r.elements() }) else { return nil }
        var faults: [FaultSpec] = []
        for (i, entry) in entries.enumerated() {
            let fault = entry.recover { f throws(ScenarioError) -> FaultSpec in
                let fault = try readFault(f, kinds: system.messageKinds)
                if let duration, fault.at >= duration {
                    throw ScenarioError(
                        file: f.context.file, path: f.path + ".at",
                        expected: "a time within the run (before \(duration))", found: "\"\(fault.at)\"")
                }
                _ = try FaultPlan.timeline([fault], hostNames: system.hostNames, file: f.context.file, firstIndex: i)
                return fault
            }
            if let fault { faults.append(fault) }
        }
        return faults.count == entries.count ? faults : nil
    }

    private static func readReplications(_ r: ScenarioReader) throws(ScenarioError) -> ReplicationPlan {
        if case .number = r.value { return .fixed(try r.integer(min: 2, max: 100_000)) }
        let m = try r.members(allowed: ["relative_precision", "min", "max"])
        guard let precision = m["relative_precision"] else {
            throw r.fail("an integer ≥ 2 or {\"relative_precision\", \"min\", \"max\"}")
        }
        let minimum = try m["min"]?.integer(min: 2, max: 100_000) ?? 5
        let maximum = try m["max"]?.integer(min: minimum, max: 100_000) ?? 1000
        return .precision(
            relativePrecision: try precision.number(1e-6...1, "a relative precision in (0, 1]"), minimum: minimum,
            maximum: maximum)
    }

    private static func readComponents(_ r: ScenarioReader) throws(ScenarioError) -> ComponentsSpec {
        let m = try r.members(allowed: ["count", "failure", "service_quorum"])
        guard let countReader = m["count"], let failure = m["failure"] else {
            throw r.fail("an object with \"count\" and \"failure\"")
        }
        let count = try countReader.integer(min: 1, max: 1000)
        return ComponentsSpec(
            count: count, failure: try DistributionReader.failureModel(failure, maxCrews: count),
            serviceQuorum: try m["service_quorum"]?.integer(min: 1, max: count) ?? count)
    }

    private static func readEnsemble(_ r: ScenarioReader) throws(ScenarioError) -> EnsembleSpec {
        try readEnsembleMembers(r, allowingProbe: true)
    }

    /// An ensemble's members; in a cluster the probe and failures are the cluster's.
    static func readEnsembleMembers(_ r: ScenarioReader, allowingProbe: Bool = false) throws(ScenarioError) -> EnsembleSpec {
        let m = try r.members(allowed: ["servers", "tick_time", "init_limit", "sync_limit", "force_sync"]
            + (allowingProbe ? ["failure", "probe", "lock_holder"] : []))
        guard let servers = m["servers"] else { throw r.fail("an object with \"servers\"") }
        var spec = EnsembleSpec(servers: try servers.integer(min: 1, max: 15))
        m["tick_time"].read(into: &spec.tickTime) { r throws(ScenarioError) in try r.interval(longest: .hours(1)) }
        m["init_limit"].read(into: &spec.initLimit) { r throws(ScenarioError) in Int64(try r.integer(min: 1, max: 1000)) }
        m["sync_limit"].read(into: &spec.syncLimit) { r throws(ScenarioError) in Int64(try r.integer(min: 1, max: 1000)) }
        m["force_sync"].read(into: &spec.forceSync) { r throws(ScenarioError) in try r.bool() }
        m["failure"].read(into: &spec.failure) { r throws(ScenarioError) in try DistributionReader.failureModel(r, maxCrews: spec.servers) }
        if let probe = m["probe"], let p = probe.recover({ r throws(ScenarioError) in try r.members(allowed: ["interval", "timeout", "session_timeout"]) }) {
            p["interval"].read(into: &spec.probe.interval) { r throws(ScenarioError) in try r.interval() }
            p["timeout"].read(into: &spec.probe.timeout) { r throws(ScenarioError) in try r.interval() }
            p["session_timeout"].read(into: &spec.probe.sessionTimeout) { r throws(ScenarioError) in try r.interval() }
        }
        if let holder = m["lock_holder"] {
            let h = try holder.members(allowed: ["session_timeout"])
            var lockHolder = LockHolderSpec()
            if let x = h["session_timeout"] { lockHolder.sessionTimeout = try x.interval() }
            spec.lockHolder = lockHolder
        }
        return spec
    }

    private static func readNetwork(_ r: ScenarioReader) throws(ScenarioError) -> LinkSettings {
        let m = try r.members(allowed: ["latency", "loss", "duplication", "retransmit_timeout"])
        var settings = LinkSettings()
        m["latency"].read(into: &settings.latency, DistributionReader.distribution)
        m["loss"].read(into: &settings.loss) { r throws(ScenarioError) in try r.number(0...0.99, "a probability in [0, 0.99]") }
        m["duplication"].read(into: &settings.duplication) { r throws(ScenarioError) in try r.number(0...0.99, "a probability in [0, 0.99]") }
        m["retransmit_timeout"].read(into: &settings.retransmitTimeout) { r throws(ScenarioError) in try r.interval() }
        return settings
    }

    /// `kinds`: the message kinds the system sends, which `on_send_kind` must name.
    private static func readFault(_ r: ScenarioReader, kinds: [MessageKind]) throws(ScenarioError) -> FaultSpec {
        let m = try r.members(allowed: [
            "at", "action", "host", "hosts", "to", "by", "drift", "one_way", "wipe_disk", "on_send_to", "on_send_kind", "mode",
        ])
        guard let at = m["at"], let action = m["action"] else { throw r.fail("an object with \"at\" and \"action\"") }
        let parsedAction = try action.choice(FaultSpec.Action.allCases.map { ($0.rawValue, $0) })
        var targets: [String] = []
        if let host = m["host"] { targets = [try host.string()] }
        if let hosts = m["hosts"] { targets = try hosts.elements().map { (e) throws(ScenarioError) in try e.string() } }
        if targets.isEmpty && parsedAction != .heal { throw r.fail("\"host\" or \"hosts\" for \(parsedAction.rawValue)") }
        if let onSend = m["on_send_to"], parsedAction != .pause {
            throw onSend.fail("no \"on_send_to\" on \(parsedAction.rawValue)", hint: "only a pause can wait for a send")
        }
        if let kind = m["on_send_kind"], m["on_send_to"] == nil {
            throw kind.fail("\"on_send_kind\" only beside \"on_send_to\"", hint: "name the host the message goes to")
        }
        let crashes: [FaultSpec.Action] = [.crash, .loseUnsyncedWrites, .diskLoss]
        if let mode = m["mode"], !crashes.contains(parsedAction) {
            throw mode.fail("no \"mode\" on \(parsedAction.rawValue)", hint: "only crash, lose_unsynced_writes and disk_loss crash a host")
        }
        return FaultSpec(
            at: try at.duration(positive: false), action: parsedAction, targets: targets,
            by: try m["by"]?.signedDuration(), drift: try m["drift"]?.number(-0.5...0.5, "a drift in [-0.5, 0.5]"),
            oneWay: try m["one_way"]?.bool() ?? false, wipeDisk: try m["wipe_disk"]?.bool() ?? false,
            to: try m["to"]?.string(), onSendTo: try m["on_send_to"]?.string(),
            onSendKind: try m["on_send_kind"].map { (k) throws(ScenarioError) in try k.choice(kinds.map { ($0.name, $0) }) },
            mode: try m["mode"]?.choice(CrashMode.allCases.map { ($0.rawValue, $0) }))
    }

    private static func readAnalysis(_ r: ScenarioReader) throws(ScenarioError) -> AnalysisSpec {
        let m = try r.members(allowed: ["confidence", "relative_precision", "coverage", "switchover_time"])
        var spec = AnalysisSpec()
        m["confidence"].read(into: &spec.confidence) { r throws(ScenarioError) in try r.number(0.5...0.9999, "a confidence level in [0.5, 0.9999]") }
        m["relative_precision"].read(into: &spec.relativePrecision) { r throws(ScenarioError) in try r.number(1e-6...10, "a relative half-width in (0, 10]") }
        // "measured": calibrate the parameter from the run instead of assuming it.
        m["coverage"].read(into: &spec.coverage) { c throws(ScenarioError) in
            c.value == .string("measured") ? .measured : .assumed(try c.number(0...1, "a probability in [0, 1] or \"measured\""))
        }
        m["switchover_time"].read(into: &spec.switchoverTime) { t throws(ScenarioError) in
            t.value == .string("measured") ? .measured : .assumed(try t.duration(positive: false))
        }
        return spec
    }

    /// `metrics`: the keys the scenario's system measures, which `expectations.metrics` may bound.
    private static func readExpectations(_ r: ScenarioReader, metrics: [String]) throws(ScenarioError) -> Expectations {
        let m = try r.members(allowed: ["all_agree", "allow_inconclusive", "availability_at_least",
                                        "availability_at_most", "unavailability_at_most", "invariants", "metrics"])
        var e = Expectations()
        m["all_agree"].read(into: &e.allAgree) { r throws(ScenarioError) in try r.bool() }
        m["allow_inconclusive"].read(into: &e.allowInconclusive) { r throws(ScenarioError) in try r.bool() }
        m["availability_at_least"].read(into: &e.availabilityAtLeast) { r throws(ScenarioError) in try r.probability() }
        m["availability_at_most"].read(into: &e.availabilityAtMost) { r throws(ScenarioError) in try r.probability() }
        m["unavailability_at_most"].read(into: &e.unavailabilityAtMost) { r throws(ScenarioError) in try r.probability() }
        m["invariants"].read(into: &e.violationExpected) { r throws(ScenarioError) in try r.choice([("hold", false), ("violated", true)]) }
        if let x = m["metrics"] {
            let bounds = try x.members(allowed: metrics)
            for key in metrics {
                guard let bound = bounds[key]?.recover({ b throws(ScenarioError) in try metricBound(b, metric: key) }) else { continue }
                e.metricBounds.append(bound)
            }
        }
        return e
    }

    private static func metricBound(_ b: ScenarioReader, metric: String) throws(ScenarioError) -> MetricBound {
        let limits = try b.members(allowed: ["at_least", "at_most"])
        let bound = MetricBound(metric: metric, atLeast: try limits["at_least"]?.number(), atMost: try limits["at_most"]?.number())
        guard bound.atLeast != nil || bound.atMost != nil else { throw b.fail("an object with \"at_least\" or \"at_most\"") }
        if let low = bound.atLeast, let high = bound.atMost, low > high {
            throw b.fail("\"at_least\" ≤ \"at_most\"", hint: "the bounds leave no value")
        }
        return bound
    }
}
