import Scheduler
import Simulation

/// How much simulated work a scenario asks for, estimated before anything runs: the events of
/// everything that repeats on a period of the scenario's own (Zab ticks, client pings, probes,
/// health checks, the workload client's status requests, coordinator nominal times, Kubernetes
/// probes and node leases, failure/repair cycles), over the duration, times the replications.
/// A probe submission or a coordinator action counts once per action node of its workflow.
///
/// Every interval is bounded below (``ScenarioLimits/shortestInterval``) and the duration above,
/// but not their ratio: a 1 ms tick over 36,500 days validates and would run for days. The
/// estimate counts periodic events only (the messages each one causes come on top), so it is a
/// lower bound on the events a run handles, within a small factor.
public struct WorkEstimate: Sendable, Equatable {
    /// One periodic source: the scenario path that sets its period and its events per replication.
    public struct Driver: Sendable, Equatable {
        public var path: String
        public var eventsPerReplication: Double
    }

    /// The most periodic events a scenario may ask for, over all its replications: 10^10, about 90
    /// times the most any shipped scenario asks for (ensemble-7: 1.1·10^8, minutes), and hours of
    /// CPU even for a release build (a debug build ran 1.6·10^6 of ensemble-3's in 68 s). A 1 ms
    /// tick over 36,500 days is 6·10^12 per server. `--allow-long-run` lifts it.
    public static let maximumEvents = 1e10

    /// The most nominal times one coordinator may have within a run: 10,000 (an hourly coordinator
    /// over 416 days). Each action is kept and checked at every step of its coordinator, so the
    /// cost grows with the square of this count.
    public static let maximumNominalTimes = 10_000.0

    /// The sources, largest first.
    public var drivers: [Driver]
    /// Coordinators with more than ``maximumNominalTimes`` within the run, with their count.
    public var crowdedCoordinators: [CrowdedCoordinator] = []

    /// A coordinator with too many nominal times within the run.
    public struct CrowdedCoordinator: Sendable, Equatable {
        public var name: String
        public var nominalTimes: Double
        public var frequency: SimDuration
    }
    /// Replications that run: the fixed count, a precision plan's maximum, or 1 for a rare-event
    /// estimate (whose wall-clock budget bounds the cycles; one cycle is capped at the duration).
    public var replications: Int

    /// The periodic events over every replication.
    public var total: Double { drivers.reduce(0) { $0 + $1.eventsPerReplication } * Double(replications) }

    public init(_ scenario: Scenario) {
        let d = scenario.duration.seconds
        var drivers: [Driver] = []
        func add(_ path: String, _ count: Int, every period: SimDuration) {
            drivers.append(Driver(path: path, eventsPerReplication: Double(count) * d / max(period.seconds, 1e-9)))
        }
        func add(_ path: String, _ count: Int, failing model: FailureModel?) {
            guard let model else { return }
            // A failure and a repair per cycle of mean length MTTF + MTTR.
            let cycle = max(model.timeToFailure.mean + model.timeToRepair.mean, 1e-9)
            drivers.append(Driver(path: path, eventsPerReplication: 2 * Double(count) * d / cycle))
        }
        switch scenario.system {
        case .components(let c):
            add("$.components.failure", c.count, failing: c.failure)
        case .ensemble(let e):
            add("$.ensemble.tick_time", e.servers, every: e.tickTime / 2)
            add("$.ensemble.probe.interval", 1, every: e.probe.interval)
            add("$.ensemble.probe.session_timeout", 1, every: Self.pingInterval(e.probe.sessionTimeout, tick: e.tickTime))
            add("$.ensemble.failure", e.servers, failing: e.failure)
        case .cluster(let c):
            let e = c.ensemble
            add("$.cluster.zookeeper.tick_time", e.servers, every: e.tickTime / 2)
            // Each submission runs every action of the workflow.
            func actions(_ name: String) -> Int {
                let workflow = ([c.workflow] + c.workload.workflows).first { $0.name == name } ?? c.workflow
                return max(1, workflow.definition.nodes.count { if case .action = $0.kind { true } else { false } })
            }
            add("$.cluster.probe.interval", actions(c.workflow.name), every: c.probeInterval)
            add("$.cluster.health_check.interval", c.schedulers, every: c.healthCheck.interval)
            add("$.cluster.session_timeout", c.schedulers, every: Self.pingInterval(c.sessionTimeout, tick: e.tickTime))
            add("$.cluster.failures.zookeeper", e.servers, failing: e.failure)
            add("$.cluster.failures.schedulers", c.schedulers, failing: c.schedulerFailure)
            add("$.cluster.failures.database", 1, failing: c.databaseFailure)
            add("$.cluster.failures.balancer", 1, failing: c.balancerFailure)
            if !c.workload.isEmpty {
                add("$.cluster.workload.follow_interval", 1, every: c.workload.client.followInterval)
                let counts = c.workload.coordinatorApps.map { ($0, Self.nominalTimes($0, within: scenario.duration)) }
                let runs = counts.reduce(0) { $0 + $1.1 * Double(actions($1.0.workflow)) }
                drivers.append(Driver(path: "$.cluster.workload.coordinators", eventsPerReplication: runs))
                crowdedCoordinators = counts.filter { $0.1 > Self.maximumNominalTimes }.map {
                    CrowdedCoordinator(name: $0.0.name, nominalTimes: $0.1, frequency: $0.0.frequency)
                }
            }
            if let k = c.kubernetes {
                let pods = e.servers + c.schedulers + 1
                let k8s = "$.cluster.platform.kubernetes"
                if let p = k.liveness { add(k8s + ".probes.liveness.period", pods, every: p.period) }
                if let p = k.readiness { add(k8s + ".probes.readiness.period", pods, every: p.period) }
                add(k8s + ".node_lease_renew_interval", k.nodes, every: k.nodeLeaseRenewInterval)
                add(k8s + ".node_monitor_period", 1, every: k.nodeMonitorPeriod)
                add(k8s + ".node_failure", k.nodes, failing: k.nodeFailure)
            }
        }
        self.drivers = drivers.filter { $0.eventsPerReplication > 0 }.sorted { $0.eventsPerReplication > $1.eventsPerReplication }
        if scenario.rareEvent != nil {
            replications = 1
        } else {
            switch scenario.replications {
            case .fixed(let n): replications = n
            case .precision(_, _, let maximum): replications = maximum
            }
        }
    }

    /// A ZooKeeper client's ping period: a third of the session the ensemble grants (clamped to
    /// 2–20 ticks, `ZooKeeperServer.processConnectRequest`), at most 10 s (`ClientCnxn.SendThread`).
    static func pingInterval(_ requested: SimDuration, tick: SimDuration) -> SimDuration {
        let granted = min(max(requested, tick * 2), tick * 20)
        return min(granted / 3, .seconds(10))
    }

    /// The nominal times of a coordinator that fall within a run of `duration`.
    static func nominalTimes(_ spec: CoordinatorSpec, within duration: SimDuration) -> Double {
        let end = min(spec.end, SimTime.zero + duration)
        guard end > spec.start else { return 0 }
        return (end - spec.start).seconds / max(spec.frequency.seconds, 1e-9)
    }

    /// Refuses a scenario that asks for more than ``maximumEvents``, naming the paths that drive it,
    /// or whose coordinators have more than ``maximumNominalTimes`` each.
    public func check(file: String) throws(ScenarioError) {
        if let crowded = crowdedCoordinators.first {
            throw ScenarioError(
                file: file, path: "$.cluster.workload.coordinators",
                expected: "at most \(Int(Self.maximumNominalTimes)) nominal times of one coordinator within the run",
                found: "coordinator \"\(crowded.name)\": about \(Self.text(crowded.nominalTimes)) (every \(crowded.frequency))",
                hint: "lengthen its frequency, bring its end closer or shorten \"duration\", or pass --allow-long-run")
        }
        guard total > Self.maximumEvents, let top = drivers.first else { return }
        let shown = drivers.prefix(3).map { "\($0.path) \(Self.text($0.eventsPerReplication))" }.joined(separator: ", ")
        throw ScenarioError(
            file: file, path: top.path,
            expected: "at most \(Self.text(Self.maximumEvents)) periodic events in the whole run",
            found: "about \(Self.text(total)) (\(replications) replications × \(Self.text(total / Double(replications))) "
                + "each; per replication: \(shown))",
            hint: "lengthen the interval, shorten \"duration\" or lower \"replications\", or pass --allow-long-run")
    }

    /// A count in three significant digits: "3.15e+12", "4.2e+05", "960".
    public static func text(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }
}
