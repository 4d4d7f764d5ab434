import Scheduler
import Simulation
import Testing
@testable import Scenarios

/// The cluster's service availability is the exact "a request sent now would succeed" signal;
/// the periodic probe is what monitoring sees. These tests hold the one against the other.
@Suite struct ServiceSignalTests {
    /// Every probe answer, with when its request left (an answer's latency, or the probe's
    /// timeout when it timed out; the probe host's clock is the true one: no clock faults here),
    /// and how many backends the balancer routed to over time (its health verdicts, all healthy
    /// again when it restarts, as HAProxy starts its servers).
    final class ProbeLog: Observer {
        let timeout: SimDuration
        let balancer: HostID
        var answers: [(sentAt: SimTime, answeredAt: SimTime, success: Bool)] = []
        var healthy: [HostID: Bool] = [:]
        var backends: Int
        var routed: [(time: SimTime, count: Int)] = []
        init(timeout: SimDuration, balancer: HostID, backends: Int) {
            self.timeout = timeout
            self.balancer = balancer
            self.backends = backends
        }
        func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
            switch observation {
            case let probe as ProbeObservation:
                answers.append((time - (probe.latency ?? timeout), time, probe.success))
            case let health as BalancerObservation:
                healthy[health.backend] = health.healthy
                routed.append((time, backends - healthy.values.filter { !$0 }.count))
            case HostEvent.restarted where host == balancer:
                healthy = [:]
                routed.append((time, backends))
            default: break
            }
        }
        /// The number of backends routed to at `t`.
        func routedCount(at t: SimTime) -> Int { routed.last { $0.time <= t }?.count ?? backends }
    }

    static func scenario(_ cluster: String, duration: String = "1d", faults: String = "[]") throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "s", "kind": "cluster", "seed": 3, "duration": "\(duration)", "warm_up": "10m", "replications": 2,
             "cluster": \(cluster), "faults": \(faults)}
            """, file: "s.json")
    }

    static func run(_ scenario: Scenario, index: Int = 0, log: (any Observer)? = nil) -> ReplicationOutcome {
        guard case .cluster(let spec) = scenario.system else { preconditionFailure("a cluster scenario") }
        return ClusterReplication.run(
            spec, scenario: scenario, index: index, seed: ReplicationRunner.seed(of: scenario, replication: index),
            keepTimeline: true, observer: log)
    }

    /// Whether the signal was down at `t`, from the replication's outages.
    static func isDown(_ outages: [Outage], at t: SimTime) -> Bool {
        outages.contains { $0.start <= t && t < $0.end }
    }

    /// Over a day of quickstart-like failures (every part failing, silent host crashes, a probe
    /// every 10 s), every probe whose request was in flight while the signal held one state
    /// [sent, answered] got the answer the signal gives: success exactly when up. The probes that
    /// may legitimately differ are those in flight across a boundary of the signal (the request saw
    /// the path before and after the change), and nothing else; they are counted, not compared.
    @Test func theProbeAgreesWithTheSignalWheneverTheSignalHeldStill() throws {
        let s = try Self.scenario("""
            {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
             "action_duration": {"exponential": {"mean": "2m"}}, "probe": {"interval": "10s", "timeout": "10s"},
             "failures": {
               "zookeeper": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "20m"}}},
               "schedulers": {"ttf": {"exponential": {"mean": "2h"}}, "ttr": {"exponential": {"mean": "10m"}}},
               "database": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "5m"}}},
               "balancer": {"ttf": {"exponential": {"mean": "6h"}}, "ttr": {"exponential": {"mean": "2m"}}}}}
            """)
        guard case .cluster(let spec) = s.system else { Issue.record("kind"); return }
        let log = ProbeLog(timeout: .seconds(10), balancer: spec.balancerID, backends: spec.schedulers)
        let outcome = Self.run(s, log: log)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        let measureFrom = SimTime.zero + s.warmUp
        let boundaries = outcome.outages.flatMap { [$0.start, $0.end] }
        var compared = 0, straddling = 0, partial = 0
        var disagreements: [String] = []
        for answer in log.answers where answer.sentAt >= measureFrom {
            if boundaries.contains(where: { $0 > answer.sentAt && $0 <= answer.answeredAt }) {
                straddling += 1
                continue
            }
            compared += 1
            let up = !Self.isDown(outcome.outages, at: answer.sentAt)
            guard up != answer.success else { continue }
            // The other stated difference: the balancer routes to several backends and one cannot
            // serve (the old leader until its checks fail, every backend after the balancer restarts);
            // the signal is down (a request may fail) and the policy sent this probe to one that serves.
            if !up && answer.success && log.routedCount(at: answer.sentAt) >= 2 {
                partial += 1
                continue
            }
            disagreements.append("sent \(answer.sentAt) answered \(answer.answeredAt): probe \(answer.success), signal \(up)")
        }
        // Enough of both states to mean something: the day has dozens of outages.
        #expect(outcome.outages.count >= 20, "\(outcome.outages.count) outages")
        #expect(compared > 8_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(compared): \(disagreements.prefix(10))")
        // The straddling probes are few: at most one per boundary (probes are 10 s apart and a
        // request is in flight at most 10 s); so are the partial ones (a few seconds per failover).
        #expect(straddling <= boundaries.count, "\(straddling) straddling, \(boundaries.count) boundaries")
        #expect(partial <= outcome.outages.count, "\(partial) partial")
    }

    /// The failover of a leader that dies between two probes five minutes apart: the probe never
    /// sees it (monitoring reports 100%), the signal counts it from the crash's nanosecond to the
    /// moment the balancer routes to the new leader.
    @Test func aFailoverShorterThanTheProbeIntervalIsCounted() throws {
        let s = try Self.scenario("""
            {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby", "session_timeout": "4s",
             "probe": {"interval": "5m", "timeout": "10s"}}
            """, duration: "1h", faults: #"[{"at": "21m", "action": "crash", "host": "oozie2", "mode": "process"}]"#)
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = Self.run(s)
        let m = Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics))
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(m["probe_availability"] == 1, "\(m)")
        #expect(outcome.outages.count == 1, "\(outcome.outages)")
        let outage = try #require(outcome.outages.first)
        #expect(outage.start == .zero + .minutes(21))
        #expect(outage.seconds > 4 && outage.seconds < 60, "\(outage.seconds) s")
        #expect(!outage.isCensored)
        // Availability is 1 − down time / measured time, exactly.
        let span = (s.duration - s.warmUp).nanoseconds
        #expect(m["service_unavailability"] == Double(outage.duration.nanoseconds) / Double(span))
        #expect(m["service_availability"] == 1 - Double(outage.duration.nanoseconds) / Double(span))
        #expect(outcome.timeline.contains { $0.event == "outage_start" && $0.time == outage.start })
    }

    /// A database down for ten minutes is ten minutes of outage to the nanosecond, from its crash
    /// to its restart, whatever the probe's phase.
    @Test func aDatabaseOutageHasTheCrashAndRestartAsItsBoundaries() throws {
        let s = try Self.scenario("""
            {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "load-balanced", "probe": {"interval": "10s"}}
            """, duration: "1h", faults: #"[{"at": "20m", "action": "crash", "host": "db"}, {"at": "30m", "action": "restart", "host": "db"}]"#)
        let outcome = Self.run(s, index: 1)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(outcome.outages == [Outage(start: .zero + .minutes(20), end: .zero + .minutes(30))])
        #expect(outcome.outageSeconds == [600])
    }

    /// A partition that isolates the balancer is an outage from the cut's nanosecond (a link
    /// change is an observation, not something a later event reveals) until service returns after
    /// the heal: HAProxy opens a new connection per check and the probe closes its connection on a
    /// timeout, so neither waits on a connection the partition broke. With the default checks
    /// (inter 2 s, rise 2) both backends are back within a few checks of the heal; 30 s bounds the
    /// checks, the probe's 10 s interval and a probe timeout.
    @Test func aPartitionOfTheBalancerIsAnOutageUntilTheHealBringsServiceBack() throws {
        let s = try Self.scenario("""
            {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby", "probe": {"interval": "10s"}}
            """, duration: "1h", faults: #"[{"at": "20m", "action": "partition", "hosts": ["lb"]}, {"at": "25m", "action": "heal"}]"#)
        let outcome = Self.run(s)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(outcome.outages.count == 1, "\(outcome.outages)")
        let outage = try #require(outcome.outages.first)
        #expect(outage.start == .zero + .minutes(20))
        #expect(!outage.isCensored)
        #expect(outage.end >= .zero + .minutes(25) && outage.end <= .zero + .minutes(25) + .seconds(30), "\(outage.end)")
        // The probe (what monitoring sees) comes back too: it misses at most the partition's
        // 30 probes and the few after the heal.
        let m = Dictionary(uniqueKeysWithValues: zip(ReplicationRunner(scenario: s, jobs: 1).metricIDs.map(\.key), outcome.metrics))
        let probe = try #require(m["probe_availability"])
        #expect(probe > 0.85, "probe availability \(probe)")
    }
}
