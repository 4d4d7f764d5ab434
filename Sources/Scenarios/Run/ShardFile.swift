import Reliability
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
            ("format", .string("nines-shard-4")), ("scenario", .string(scenario.name)),
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
            ("leader_election_seconds", .array(o.phases.leaderElectionSeconds.map(JSONValue.number))),
            ("write_gap_seconds", .array(o.phases.writeGapSeconds.map(JSONValue.number))),
            ("session_expiry_seconds", .array(o.phases.sessionExpirySeconds.map(JSONValue.number))),
            ("covered", .number(Double(o.phases.covered))), ("uncovered", .number(Double(o.phases.uncovered))),
        ] + encodeOrchestration(o.orchestration) + [
            ("violations", .array(o.violations.map(JSONValue.string))),
            ("metric_cycles", .array(o.metricCycles.map { $0.map(encode) ?? .null })),
            ("occupancy_cycles", .array(o.occupancyCycles.map(encode))),
            ("timeline", .array(o.timeline.map { e in
                .array([.string(String(e.time.nanoseconds)), .string(e.event), .string(e.subject)])
            })),
        ])
    }

    /// Cycle statistics as [visits, count, ΣY, Στ, Ȳ, τ̄, Σ(Y−Ȳ)², Σ(τ−τ̄)², Σ(Y−Ȳ)(τ−τ̄)].
    static func encode(_ c: CycleStatistics) -> JSONValue {
        let s = c.sums
        return .array([Double(c.visits), Double(s.count), s.rewardTotal, s.lengthTotal, s.rewardMean, s.lengthMean,
                       s.rewardSquares, s.lengthSquares, s.crossProducts].map(JSONValue.number))
    }

    static func cycles(_ value: JSONValue) -> CycleStatistics? {
        guard let f = numbers(value), f.count == 9,
            let sums = try? RatioSums(
                count: Int(f[1]), rewardTotal: f[2], lengthTotal: f[3], rewardMean: f[4], lengthMean: f[5],
                rewardSquares: f[6], lengthSquares: f[7], crossProducts: f[8])
        else { return nil }
        return CycleStatistics(sums: sums, visits: Int(f[0]))
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
        // A shard holds every replication's timeline: far longer arrays than a scenario.
        guard let root = try? JSONParser.parse(text, limits: .init(arrayElements: 50_000_000)).value, root["format"] == .string("nines-shard-4"),
            case .string(let name)? = root["scenario"], let seed = count(root["seed"], below: 0x1p64),
            case .string(let durationText)? = root["duration"], let duration = SimDuration(durationText),
            case .string(let warmUpText)? = root["warm_up"], let warmUp = SimDuration(warmUpText),
            case .array(let items)? = root["outcomes"]
        else { throw bad("missing format, scenario, seed, duration, warm_up or outcomes (written by another version?)") }
        var outcomes: [ReplicationOutcome] = []
        for item in items {
            guard let index = count(item["index"]), case .string(let s)? = item["seed"], let seed = UInt64(s),
                case .string(let d)? = item["digest"], let digest = UInt64(d), let events = count(item["events"]),
                let metrics = numbers(item["metrics"]), let occupancy = numbers(item["occupancy"]),
                let samples = numbers(item["down_samples"]), let outages = numbers(item["outage_seconds"]),
                let failovers = numbers(item["failover_seconds"]), let detections = numbers(item["detection_seconds"]),
                let elections = numbers(item["election_seconds"]), let switchovers = numbers(item["switchover_seconds"]),
                let leaderElections = numbers(item["leader_election_seconds"]), let writeGaps = numbers(item["write_gap_seconds"]),
                let sessionExpiries = numbers(item["session_expiry_seconds"]),
                let covered = count(item["covered"]), let uncovered = count(item["uncovered"]),
                case .array(let violationValues)? = item["violations"],
                case .array(let metricCycleValues)? = item["metric_cycles"],
                case .array(let occupancyCycleValues)? = item["occupancy_cycles"],
                case .array(let timeline)? = item["timeline"], let orchestration = decodeOrchestration(item)
            else { throw bad("a malformed outcome") }
            let downSamples = samples.compactMap { count(.number($0)) }
            guard downSamples.count == samples.count else { throw bad("a down-count sample that is not a count") }
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
            phases.leaderElectionSeconds = leaderElections
            phases.writeGapSeconds = writeGaps
            phases.sessionExpirySeconds = sessionExpiries
            phases.covered = Int(covered)
            phases.uncovered = Int(uncovered)
            var metricCycles: [CycleStatistics?] = []
            for value in metricCycleValues {
                if value == .null { metricCycles.append(nil); continue }
                guard let c = cycles(value) else { throw bad("malformed metric cycles") }
                metricCycles.append(c)
            }
            var occupancyCycles: [CycleStatistics] = []
            for value in occupancyCycleValues {
                guard let c = cycles(value) else { throw bad("malformed occupancy cycles") }
                occupancyCycles.append(c)
            }
            outcomes.append(ReplicationOutcome(
                index: Int(index), seed: seed, digest: digest, events: Int(events), metrics: metrics,
                occupancy: occupancy, downSamples: downSamples.map { Int($0) }, timeline: entries, outageSeconds: outages,
                failoverSeconds: failovers, phases: phases, orchestration: orchestration, violations: violations, metricCycles: metricCycles,
                occupancyCycles: occupancyCycles))
        }
        return Decoded(scenario: name, seed: seed, duration: duration, warmUp: warmUp, outcomes: outcomes)
    }

    /// A whole number in 0..<`limit` (2^53 by default, where doubles stop being exact), or nil.
    private static func count(_ value: JSONValue?, below limit: Double = 0x1p53) -> UInt64? {
        guard case .number(let n)? = value, n >= 0, n < limit, n == n.rounded() else { return nil }
        return UInt64(n)
    }

    /// Throws unless every outcome has the shape this scenario's runs produce (metric count,
    /// occupancy states, down-count samples within those states), so a foreign or edited shard
    /// file is an error rather than an index out of range during the analysis.
    public static func check(_ outcomes: [ReplicationOutcome], against scenario: Scenario, file: String) throws(MergeError) {
        let metrics = ReplicationRunner.metricIDs(of: scenario.system).count
        let states = AnalyticPredictions.group(for: scenario)?.states.count
        for outcome in outcomes {
            func bad(_ what: String) -> MergeError {
                MergeError(description: "\(file): replication \(outcome.index): \(what) (not a shard of this scenario?)")
            }
            guard outcome.metrics.count == metrics else { throw bad("\(outcome.metrics.count) metrics, expected \(metrics)") }
            if let states, !outcome.occupancy.isEmpty, outcome.occupancy.count != states {
                throw bad("\(outcome.occupancy.count) occupancy states, expected \(states)")
            }
            let limit = states ?? outcome.occupancy.count
            guard outcome.downSamples.allSatisfy({ $0 < limit }) else { throw bad("a down-count sample of \(limit) or more") }
        }
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
