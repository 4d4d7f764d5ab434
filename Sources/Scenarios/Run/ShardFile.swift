import Simulation

/// The replications one shard ran, saved losslessly so that `nines merge` can rebuild exactly
/// what an unsharded run writes.
public enum ShardFile {
    /// Which replications shard `index` of `count` runs: every `count`-th, starting at `index`.
    public static func replications(shard index: Int, of count: Int, total: Int) -> [Int] {
        Array(stride(from: index, to: total, by: count))
    }

    public static func encode(scenario: Scenario, shard: Int, of count: Int, outcomes: [ReplicationOutcome]) -> String {
        JSONWriter.write(.object([
            ("format", .string("nines-shard-3")), ("scenario", .string(scenario.name)),
            ("seed", .number(Double(scenario.seed))), ("duration", .string(scenario.duration.description)),
            ("warm_up", .string(scenario.warmUp.description)), ("shard", .number(Double(shard))), ("shards", .number(Double(count))),
            ("outcomes", .array(outcomes.map(encode))),
        ]))
    }

    static func encode(_ o: ReplicationOutcome) -> JSONValue {
        .object([
            ("index", .number(Double(o.index))), ("seed", .string(String(o.seed))), ("digest", .string(String(o.digest))),
            ("events", .number(Double(o.events))), ("metrics", .array(o.metrics.map(JSONValue.number))),
            ("occupancy", .array(o.occupancy.map(JSONValue.number))),
            ("down_samples", .array(o.downSamples.map { .number(Double($0)) })),
            ("outage_seconds", .array(o.outageSeconds.map(JSONValue.number))),
            ("failover_seconds", .array(o.failoverSeconds.map(JSONValue.number))),
            ("detection_seconds", .array(o.phases.detectionSeconds.map(JSONValue.number))),
            ("election_seconds", .array(o.phases.electionSeconds.map(JSONValue.number))),
            ("switchover_seconds", .array(o.phases.switchoverSeconds.map(JSONValue.number))),
            ("covered", .number(Double(o.phases.covered))), ("uncovered", .number(Double(o.phases.uncovered))),
        ] + encodeOrchestration(o.orchestration) + [
            ("violations", .array(o.violations.map(JSONValue.string))),
            ("timeline", .array(o.timeline.map { e in
                .array([.string(String(e.time.nanoseconds)), .string(e.event), .string(e.subject)])
            })),
        ])
    }

    /// A shard file that cannot be merged.
    public struct MergeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// What a shard ran: the scenario, and the seed, duration and warm-up it ran with (which
    /// `nines run` options may have changed from the file's).
    public struct Decoded: Sendable {
        public var scenario: String
        public var seed: UInt64
        public var duration: SimDuration
        public var warmUp: SimDuration
        public var outcomes: [ReplicationOutcome]
    }

    /// Reads a shard file written by ``encode(scenario:shard:of:outcomes:)``.
    public static func decode(_ text: String, file: String) throws(MergeError) -> Decoded {
        func bad(_ what: String) -> MergeError { MergeError(description: "\(file): not a nines shard file (\(what))") }
        guard let root = try? JSONParser.parse(text).value, root["format"] == .string("nines-shard-3"),
            case .string(let name)? = root["scenario"], case .number(let seed)? = root["seed"],
            case .string(let durationText)? = root["duration"], let duration = SimDuration(durationText),
            case .string(let warmUpText)? = root["warm_up"], let warmUp = SimDuration(warmUpText),
            case .array(let items)? = root["outcomes"]
        else { throw bad("missing format, scenario, seed, duration, warm_up or outcomes (written by another version?)") }
        var outcomes: [ReplicationOutcome] = []
        for item in items {
            guard case .number(let index)? = item["index"], case .string(let s)? = item["seed"], let seed = UInt64(s),
                case .string(let d)? = item["digest"], let digest = UInt64(d), case .number(let events)? = item["events"],
                let metrics = numbers(item["metrics"]), let occupancy = numbers(item["occupancy"]),
                let samples = numbers(item["down_samples"]), let outages = numbers(item["outage_seconds"]),
                let failovers = numbers(item["failover_seconds"]), let detections = numbers(item["detection_seconds"]),
                let elections = numbers(item["election_seconds"]), let switchovers = numbers(item["switchover_seconds"]),
                case .number(let covered)? = item["covered"], case .number(let uncovered)? = item["uncovered"],
                case .array(let violationValues)? = item["violations"],
                case .array(let timeline)? = item["timeline"], let orchestration = decodeOrchestration(item)
            else { throw bad("a malformed outcome") }
            var entries: [TimelineEntry] = []
            for entry in timeline {
                guard case .array(let parts) = entry, parts.count == 3, case .string(let t) = parts[0], let ns = Int64(t),
                    case .string(let event) = parts[1], case .string(let subject) = parts[2]
                else { throw bad("a malformed timeline entry") }
                entries.append(TimelineEntry(time: SimTime(nanoseconds: ns), event: event, subject: subject))
            }
            var violations: [String] = []
            for case .string(let v) in violationValues { violations.append(v) }
            var phases = FailoverPhases()
            phases.detectionSeconds = detections
            phases.electionSeconds = elections
            phases.switchoverSeconds = switchovers
            phases.covered = Int(covered)
            phases.uncovered = Int(uncovered)
            outcomes.append(ReplicationOutcome(
                index: Int(index), seed: seed, digest: digest, events: Int(events), metrics: metrics,
                occupancy: occupancy, downSamples: samples.map { Int($0) }, timeline: entries, outageSeconds: outages,
                failoverSeconds: failovers, phases: phases, orchestration: orchestration, violations: violations))
        }
        return Decoded(scenario: name, seed: UInt64(seed), duration: duration, warmUp: warmUp, outcomes: outcomes)
    }

    static func numbers(_ value: JSONValue?) -> [Double]? {
        guard case .array(let items)? = value else { return nil }
        var out: [Double] = []
        for item in items {
            guard case .number(let n) = item else { return nil }
            out.append(n)
        }
        return out
    }
}
