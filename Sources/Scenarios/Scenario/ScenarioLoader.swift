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
        return try read(root)
    }

    static let topLevel = [
        "$schema", "name", "description", "kind", "seed", "duration", "warm_up", "replications", "components",
        "ensemble", "cluster", "network", "faults", "analysis", "expectations", "rare_event",
    ]

    private static func read(_ root: ScenarioReader) throws(ScenarioError) -> Scenario {
        let m = try root.members(allowed: topLevel)
        func required(_ key: String) throws(ScenarioError) -> ScenarioReader {
            guard let reader = m[key] else {
                throw ScenarioError(
                    file: root.context.file, path: "$.\(key)", expected: "a value", found: "nothing",
                    hint: "\"\(key)\" is required")
            }
            return reader
        }
        let name = try required("name").string()
        guard Scenario.isSafeName(name) else {
            throw try required("name").fail(
                "a name of at most \(Scenario.maximumNameLength) ASCII letters, digits, '-', '_' or '.', not starting with '.'",
                hint: "it names the output folder notebooks-out/<name>")
        }
        let duration = try required("duration").duration()
        let warmUp = try m["warm_up"]?.duration(positive: false) ?? .zero
        guard warmUp < duration else {
            throw m["warm_up"]!.fail("a warm-up shorter than the duration (\(duration))")
        }
        let kind = try required("kind").choice([("components", "components"), ("ensemble", "ensemble"), ("cluster", "cluster")])
        let system: SystemSpec
        switch kind {
        case "ensemble": system = .ensemble(try readEnsemble(try required("ensemble")))
        case "cluster": system = .cluster(try ClusterReader.read(try required("cluster")))
        default: system = .components(try readComponents(try required("components")))
        }
        let faults = try m["faults"]?.elements().map { (f) throws(ScenarioError) in try readFault(f, kinds: system.messageKinds) } ?? []
        for (i, fault) in faults.enumerated() where fault.at >= duration {
            let path = "$.faults[\(i)].at"
            throw ScenarioError(
                file: root.context.file, path: path, line: root.context.lines[path],
                expected: "a time within the run (before \(duration))", found: "\"\(fault.at)\"")
        }
        _ = try FaultPlan.timeline(faults, hostNames: system.hostNames, file: root.context.file)  // every name must exist
        let rareEvent = try m["rare_event"].map { (r) throws(ScenarioError) in
            try RareEventReader.read(r, system: system, faults: faults)
        }
        return Scenario(
            name: name, description: try m["description"]?.string() ?? "", seed: try required("seed").seed(),
            duration: duration, warmUp: warmUp, replications: try readReplications(try required("replications")),
            system: system, network: try m["network"].map(readNetwork) ?? LinkSettings(),
            faults: faults,
            analysis: try m["analysis"].map(readAnalysis) ?? AnalysisSpec(),
            expectations: try m["expectations"].map { (r) throws(ScenarioError) in
                try readExpectations(r, metrics: ReplicationRunner.metricIDs(of: system).map(\.key))
            } ?? Expectations(), rareEvent: rareEvent)
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
        if let x = m["tick_time"] { spec.tickTime = try x.interval(longest: .hours(1)) }
        if let x = m["init_limit"] { spec.initLimit = Int64(try x.integer(min: 1, max: 1000)) }
        if let x = m["sync_limit"] { spec.syncLimit = Int64(try x.integer(min: 1, max: 1000)) }
        if let x = m["force_sync"] { spec.forceSync = try x.bool() }
        if let x = m["failure"] { spec.failure = try DistributionReader.failureModel(x, maxCrews: spec.servers) }
        if let probe = m["probe"] {
            let p = try probe.members(allowed: ["interval", "timeout", "session_timeout"])
            if let x = p["interval"] { spec.probe.interval = try x.interval() }
            if let x = p["timeout"] { spec.probe.timeout = try x.interval() }
            if let x = p["session_timeout"] { spec.probe.sessionTimeout = try x.interval() }
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
        if let latency = m["latency"] { settings.latency = try DistributionReader.distribution(latency) }
        if let loss = m["loss"] { settings.loss = try loss.number(0...0.99, "a probability in [0, 0.99]") }
        if let dup = m["duplication"] { settings.duplication = try dup.number(0...0.99, "a probability in [0, 0.99]") }
        if let rto = m["retransmit_timeout"] { settings.retransmitTimeout = try rto.interval() }
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
        if let c = m["confidence"] { spec.confidence = try c.number(0.5...0.9999, "a confidence level in [0.5, 0.9999]") }
        if let w = m["relative_precision"] { spec.relativePrecision = try w.number(1e-6...10, "a relative half-width in (0, 10]") }
        // "measured": calibrate the parameter from the run instead of assuming it.
        if let c = m["coverage"] {
            spec.coverage = c.value == .string("measured")
                ? .measured : .assumed(try c.number(0...1, "a probability in [0, 1] or \"measured\""))
        }
        if let t = m["switchover_time"] {
            spec.switchoverTime = t.value == .string("measured") ? .measured : .assumed(try t.duration(positive: false))
        }
        return spec
    }

    /// `metrics`: the keys the scenario's system measures, which `expectations.metrics` may bound.
    private static func readExpectations(_ r: ScenarioReader, metrics: [String]) throws(ScenarioError) -> Expectations {
        let m = try r.members(allowed: ["all_agree", "allow_inconclusive", "availability_at_least",
                                        "availability_at_most", "unavailability_at_most", "invariants", "metrics"])
        var e = Expectations()
        if let x = m["all_agree"] { e.allAgree = try x.bool() }
        if let x = m["allow_inconclusive"] { e.allowInconclusive = try x.bool() }
        if let x = m["availability_at_least"] { e.availabilityAtLeast = try x.probability() }
        if let x = m["availability_at_most"] { e.availabilityAtMost = try x.probability() }
        if let x = m["unavailability_at_most"] { e.unavailabilityAtMost = try x.probability() }
        if let x = m["invariants"] { e.violationExpected = try x.choice([("hold", false), ("violated", true)]) }
        if let x = m["metrics"] {
            let bounds = try x.members(allowed: metrics)
            for key in metrics {
                guard let b = bounds[key] else { continue }
                let limits = try b.members(allowed: ["at_least", "at_most"])
                let bound = MetricBound(metric: key, atLeast: try limits["at_least"]?.number(), atMost: try limits["at_most"]?.number())
                guard bound.atLeast != nil || bound.atMost != nil else { throw b.fail("an object with \"at_least\" or \"at_most\"") }
                if let low = bound.atLeast, let high = bound.atMost, low > high {
                    throw b.fail("\"at_least\" ≤ \"at_most\"", hint: "the bounds leave no value")
                }
                e.metricBounds.append(bound)
            }
        }
        return e
    }
}
