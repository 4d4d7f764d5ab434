import Scheduler
import Simulation

/// Swarm exploration of a scenario: random fault schedules, each run checked for invariant
/// violations; a violating schedule can be shrunk and written back as a scenario.
///
/// Run `i` is the scenario with seed `derive("explore", i)`; its schedule is drawn from that seed,
/// and its simulation is replication 0 of that scenario, so a scenario file with that seed and
/// the schedule as scripted faults replays it exactly.
public struct Explorer: Sendable {
    public let scenario: Scenario

    public init(scenario: Scenario) throws(ScenarioError) {
        guard !scenario.system.hostNames.isEmpty else {
            throw ScenarioError(path: "$.kind", expected: "a kind with hosts to inject faults into (ensemble)",
                                found: "\"components\"")
        }
        self.scenario = scenario
    }

    /// The scenario seed of exploration run `i`.
    public func seed(ofRun i: Int) -> UInt64 { StreamSeed(scenario.seed).derive("explore", i).value & (1 << 53 - 1) }

    /// The random schedule that run seed `seed` draws (faults on the servers, healed by 80% of the run).
    public func schedule(seed: UInt64) -> SwarmGenerator.Schedule {
        var generator = SwarmGenerator(hosts: serverIDs, duration: scenario.duration)
        generator.outage = 1...min(600, max(2, scenario.duration.seconds / 20))
        generator.sendTriggers = sendTriggers
        return generator.generate(seed: StreamSeed(seed).derive("swarm"))
    }

    /// Runs the scenario with seed `seed` under `faults`; the outcome lists any violations.
    public func run(seed: UInt64, faults: [ScheduledFault], trace: ((Trace) -> Void)? = nil) -> ReplicationOutcome {
        var s = scenario
        s.seed = seed
        return ReplicationRunner(scenario: s, jobs: 1).replicate(0, faults: faults, trace: trace)!
    }

    /// One exploration run: its seed, the schedule it drew and what happened.
    public struct Exploration: Sendable {
        public var run: Int
        public var seed: UInt64
        public var schedule: SwarmGenerator.Schedule
        public var outcome: ReplicationOutcome
    }

    /// Runs `runs` on up to `jobs` threads; the result is in run order, the same for any `jobs`.
    public func explore(_ runs: Range<Int>, jobs: Int) -> [Exploration] {
        ParallelMap.map(Array(runs), jobs: jobs) { run in
            let seed = self.seed(ofRun: run)
            let schedule = self.schedule(seed: seed)
            return Exploration(run: run, seed: seed, schedule: schedule, outcome: self.run(seed: seed, faults: schedule.timeline))
        }
    }

    /// Shrinks a violating schedule to a small one that still violates.
    public func shrink(seed: UInt64, faults: [ScheduledFault], budget: Int = 300) -> (faults: [ScheduledFault], replays: Int) {
        var shrinker = ScheduleShrinker(budget: budget) { candidate in
            !self.run(seed: seed, faults: candidate).violations.isEmpty
        }
        let minimal = shrinker.shrink(faults)
        return (minimal, shrinker.replays)
    }

    /// The servers take the faults (not the probe client, nor the balancer and compute service).
    var serverIDs: [HostID] {
        switch scenario.system {
        case .components: return []
        case .ensemble(let spec): return (0..<spec.servers).map(HostID.init)
        case .cluster(let spec): return spec.zookeeperIDs + spec.schedulerIDs + [spec.databaseID]
        }
    }

    /// Requests worth pausing a host in the middle of: a Zab server's to its peers; a scheduler's
    /// to ZooKeeper and to the database, reads especially, whose answers it acts on when it wakes.
    var sendTriggers: [(from: HostID, trigger: SendTrigger)] {
        switch scenario.system {
        case .components: return []
        case .ensemble(let spec):
            let servers = (0..<spec.servers).map(HostID.init)
            return servers.flatMap { a in servers.filter { $0 != a }.map { (a, SendTrigger(to: $0)) } }
        case .cluster(let spec):
            let db = spec.databaseID
            let triggers = [SendTrigger(to: db, kind: StoreRequest.Kinds.read), SendTrigger(to: db)] + spec.zookeeperIDs.map { SendTrigger(to: $0) }
            return spec.schedulerIDs.flatMap { s in triggers.map { (s, $0) } }
        }
    }

    /// A fault as the scenario file's `faults` entry that reproduces it.
    public func faultJSON(_ entry: ScheduledFault) -> JSONValue {
        let names = scenario.system.hostNames
        var members: [(key: String, value: JSONValue)] = [("at", .string(SimDuration(nanoseconds: entry.time.nanoseconds).description))]
        func host(_ h: HostID) -> JSONValue { .string(names[Int(h.index)]) }
        switch entry.fault {
        case .crash(let h, let mode, let lose):
            members += [("action", .string(lose ? "lose_unsynced_writes" : "crash")), ("host", host(h))]
            if mode != FaultSpec.defaultMode(lose ? .loseUnsyncedWrites : .crash) { members.append(("mode", .string(mode.rawValue))) }
        case .restart(let h, let wipe):
            members += [("action", .string("restart")), ("host", host(h))]
            if wipe { members.append(("wipe_disk", .bool(true))) }
        case .pause(let h): members += [("action", .string("pause")), ("host", host(h))]
        case .pauseOnSend(let h, let trigger):
            members += [("action", .string("pause")), ("host", host(h)), ("on_send_to", host(trigger.to))]
            if let kind = trigger.kind { members.append(("on_send_kind", .string(kind.name))) }
        case .resume(let h): members += [("action", .string("resume")), ("host", host(h))]
        case .partition(let groups): members += [("action", .string("partition")), ("hosts", .array((groups.first ?? []).map(host)))]
        case .cutLink(let a, let b): members += [("action", .string("cut_link")), ("host", host(a)), ("to", host(b))]
        case .healLink(let a, let b): members += [("action", .string("heal_link")), ("host", host(a)), ("to", host(b))]
        case .healAll: members += [("action", .string("heal"))]
        case .clockJump(let h, let by):
            let text = by.nanoseconds < 0 ? "-" + SimDuration(nanoseconds: -by.nanoseconds).description : by.description
            members += [("action", .string("clock_jump")), ("host", host(h)), ("by", .string(text))]
        case .clockDrift(let h, let drift): members += [("action", .string("clock_drift")), ("host", host(h)), ("drift", .number(drift))]
        }
        return .object(members)
    }

    /// The scenario file that replays `faults` with seed `seed` and expects the invariants to hold,
    /// so that it fails in CI until the bug is fixed.
    public func scenarioJSON(seed: UInt64, faults: [ScheduledFault], source: JSONValue) -> String {
        let faultValues = faults.map(faultJSON)
        guard case .object(var members) = source else { return JSONWriter.write(source) }
        func set(_ key: String, _ value: JSONValue) {
            if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
        }
        set("name", .string(scenario.name + "-seed-\(seed)"))
        set("description", .string("Found by `nines explore` on \(scenario.name) and shrunk to \(faults.count) faults; replication 0 replays the violation."))
        set("seed", .number(Double(seed)))
        set("replications", .number(2))
        set("faults", .array(faultValues))
        set("expectations", .object([("invariants", .string("hold"))]))
        return JSONWriter.write(.object(members))
    }
}
