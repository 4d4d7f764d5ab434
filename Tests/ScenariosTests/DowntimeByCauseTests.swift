import Foundation
import Simulation
import Testing
@testable import Scenarios

@Suite struct DowntimeByCauseTests {
    static func at(_ seconds: Int64) -> SimTime { .zero + .seconds(seconds) }
    static func seconds(_ by: [Double], _ cause: OutageCause) -> Double { by[OutageCause.allCases.firstIndex(of: cause)!] }

    /// An outage that spans three states is cut where they change; time outside outages counts for nothing.
    @Test func eachPieceOfAnOutageGoesToTheStateItFallsIn() {
        var detection = ComponentState(schedulersUp: 1)
        detection.failover = .detection
        var election = detection
        election.failover = .election
        var database = ComponentState(schedulersUp: 2)
        database.databaseUp = false
        let states = [
            (Self.at(0), ComponentState(schedulersUp: 2)), (Self.at(100), detection), (Self.at(140), election),
            (Self.at(150), ComponentState(schedulersUp: 2)), (Self.at(500), database), (Self.at(800), ComponentState(schedulersUp: 2)),
        ]
        let by = DowntimeAttribution.attribute(outages: [Self.at(110)..<Self.at(160), Self.at(600)..<Self.at(900)], states: states)
        #expect(Self.seconds(by, .failoverDetection) == 30)
        #expect(Self.seconds(by, .failoverElection) == 10)
        #expect(Self.seconds(by, .other) == 10 + 100)
        #expect(Self.seconds(by, .database) == 200)
        #expect(by.reduce(0, +) == 50 + 300)
        #expect(DowntimeAttribution.attribute(outages: [], states: states).allSatisfy { $0 == 0 })
    }

    /// Several explanations at once: the first in OutageCause's order wins.
    @Test func theFirstCauseInOrderExplainsAMoment() {
        var s = ComponentState(schedulersUp: 0)
        s.quorumUp = false
        s.databaseUp = false
        s.failover = .switchover
        #expect(s.cause == .quorumLoss)
        s.planned = true
        #expect(s.cause == .planned)
        s = ComponentState(schedulersUp: 0)
        s.databaseUp = false
        #expect(s.cause == .database)
        s.databaseUp = true
        #expect(s.cause == .allSchedulersDown)
        s.schedulersUp = 1
        s.routesToDownScheduler = true
        #expect(s.cause == .failoverDetection)
        s.routesToDownScheduler = false
        s.leaderServing = false
        #expect(s.cause == .leaderElection)
        #expect(OutageCause.quorumLoss < OutageCause.database && OutageCause.failoverSwitchover < OutageCause.other)
    }

    /// A replication: the holder crashes (a failover: detection, election, switchover), later the
    /// database is down 10 minutes. The causes add up to the outages, the database's to its 10
    /// minutes within one probe interval (10 s), the failover's to its phases within two.
    @Test func aReplicationAttributesItsOutages() throws {
        let s = try ClusterReplicationTests.scenario(mode: "active-standby", faults: """
            [{"at": "10m", "action": "crash", "host": "oozie1"}, {"at": "30m", "action": "restart", "host": "oozie1"},
             {"at": "40m", "action": "crash", "host": "db"}, {"at": "50m", "action": "restart", "host": "db"}]
            """)
        let outcome = ReplicationRunner(scenario: s, jobs: 1).replicate(0)
        let by = outcome.downtimeByCause
        #expect(by.count == OutageCause.allCases.count)
        let total = outcome.outageSeconds.reduce(0, +)
        #expect(abs(by.reduce(0, +) - total) < 1e-6, "\(by) vs \(outcome.outageSeconds)")
        #expect(abs(Self.seconds(by, .database) - 600) <= 10, "\(by)")
        let failover = Self.seconds(by, .failoverDetection) + Self.seconds(by, .failoverElection) + Self.seconds(by, .failoverSwitchover)
        let phases = outcome.phases.detectionSeconds + outcome.phases.electionSeconds + outcome.phases.switchoverSeconds
        #expect(Self.seconds(by, .failoverDetection) > 0 && abs(failover - phases.reduce(0, +)) <= 20, "\(by) vs \(phases)")
        #expect(Self.seconds(by, .quorumLoss) == 0 && Self.seconds(by, .planned) == 0)
    }

    /// A part cut off by a partition is as good as down: isolating the balancer from everyone for
    /// 5 minutes is balancer downtime (its healed connections come back within 30 s, which the
    /// recovery may add), isolating the database is database downtime; nothing goes to "other".
    @Test(arguments: [("lb", OutageCause.balancer), ("db", OutageCause.database)])
    func aPartitionedPartIsItsOwnCause(host: String, cause: OutageCause) throws {
        let s = try ClusterReplicationTests.scenario(mode: "active-standby", faults: """
            [{"at": "20m", "action": "partition", "hosts": ["\(host)"]}, {"at": "25m", "action": "heal"}]
            """)
        let by = ReplicationRunner(scenario: s, jobs: 1).replicate(0).downtimeByCause
        #expect(Self.seconds(by, cause) >= 299 && Self.seconds(by, cause) <= 300, "\(by)")
        #expect(Self.seconds(by, .other) <= 30, "\(by)")
    }

    /// Kubernetes: a rolling update and a drain are planned disruptions; what the probe lost during
    /// them is attributed to `planned`, as `planned_unavailability` counts it (within one probe
    /// interval per outage: intervals against request counts).
    @Test func plannedDisruptionsArePlanned() throws {
        let root = ShippedScenariosTests.root.appendingPathComponent("chaos/k8s-ensemble-rolling-update.json")
        let s = try ScenarioLoader.load(file: root.path)
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(0)
        let planned = outcome.metrics[runner.metricIDs.firstIndex { $0.key == "planned_unavailability" }!]
        let measured = s.duration.seconds - s.warmUp.seconds
        guard case .cluster(let spec) = s.system else { Issue.record("a cluster"); return }
        let slack = Double(outcome.outageSeconds.count + 1) * spec.probeInterval.seconds / measured
        #expect(abs(Self.seconds(outcome.downtimeByCause, .planned) / measured - planned) <= slack,
                "\(outcome.downtimeByCause) vs planned_unavailability \(planned)")
    }

    /// The analysis turns the seconds into a table: shares add up to 1, intervals at the scenario's
    /// level contain their estimates, and every output carries it.
    @Test func theTableReachesEveryOutput() throws {
        let s = try ClusterReplicationTests.scenario(mode: "active-standby", faults: """
            [{"at": "40m", "action": "crash", "host": "db"}, {"at": "50m", "action": "restart", "host": "db"}]
            """)
        let result = ScenarioRun(scenario: s, jobs: 1).execute()
        let causes = result.replicationCauses
        #expect(causes.first?.label.cause == .database)
        #expect(abs(causes.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        for c in causes { #expect(c.unavailability.level == 0.95 && c.minutesPerYear.lower <= c.minutesPerYear.estimate) }
        let files = Dictionary(uniqueKeysWithValues: ReportFiles.render(result).map { ($0.name, $0.contents) })
        let csv = try #require(files["downtime_by_cause.csv"])
        #expect(csv.hasPrefix(DowntimeCauseReport.csvHeader.joined(separator: ",") + "\r\n"))
        #expect(csv.contains("\r\ndatabase,database down,"))
        #expect(files["summary.json"]!.contains("\"downtime_by_cause\""))
        #expect(files["report.html"]!.contains("Downtime by cause") && files["report.html"]!.contains("class=answer"))
        #expect(files["report.ipynb"]!.contains("downtime_by_cause.csv") && files["report.ipynb"]!.contains("## The answer"))
        let text = SummaryText.render(result).split(separator: "\n")
        #expect(text.count > 2 && text[1].hasPrefix("downtime by cause") && text[2].contains("database down"))
    }
}
