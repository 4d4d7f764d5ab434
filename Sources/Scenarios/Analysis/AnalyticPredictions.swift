import Reliability
import Foundation
import Simulation

/// An analytic model's value for one metric.
struct Prediction {
    var metric: String
    var model: String
    var value: Double
}

/// What the analytic models predict for each kind of system.
enum AnalyticPredictions {
    /// The group whose number of failed members the models describe, if the system has one.
    static func group(for scenario: Scenario) -> GroupModel? {
        switch scenario.system {
        case .components(let spec):
            return GroupModel(count: spec.count, quorum: spec.serviceQuorum, failure: spec.failure)
        case .ensemble(let spec):
            return spec.failure.map { GroupModel(count: spec.servers, quorum: spec.servers / 2 + 1, failure: $0) }
        case .cluster:
            return nil
        }
    }

    static func predictions(for scenario: Scenario, group: GroupModel?, outcomes: [ReplicationOutcome]) -> [Prediction] {
        if case .cluster(let spec) = scenario.system {
            return cluster(spec) + activeStandby(spec, assumptions: scenario.analysis, outcomes: outcomes)
        }
        guard let group else { return [] }
        switch scenario.system {
        case .components:
            return [
                Prediction(metric: "component_unavailability", model: group.name, value: group.componentUnavailability),
                Prediction(metric: "all_up", model: group.name, value: group.allUp),
                Prediction(metric: "service_availability", model: "\(group.quorum)-of-\(group.count), \(group.name)", value: group.serviceAvailability),
                Prediction(metric: "service_unavailability", model: "\(group.quorum)-of-\(group.count), \(group.name)", value: group.serviceUnavailability),
            ]
        case .ensemble:
            return ensemble(group, outcomes: outcomes)
        case .cluster:
            return []
        }
    }
}

extension AnalyticPredictions {
    /// A Zab ensemble serves while a majority is up, except while it elects a leader. The plain
    /// quorum model ignores elections; the calibrated one adds, for every event that needs an
    /// election (the leader failing while a quorum is up, a quorum coming back), the mean election
    /// time measured in this run:
    ///
    ///     U_cal = U_quorum + (λ·A_quorum + f_restore) · E[election]
    ///
    /// where f_restore is the rate of transitions from "one too many down" back to a quorum.
    static func ensemble(_ group: GroupModel, outcomes: [ReplicationOutcome]) -> [Prediction] {
        let quorum = "majority quorum, \(group.name)"
        let electionRate = group.failureRate * group.serviceAvailability + group.serviceRestorationFrequency
        let elections = outcomes.flatMap(\.failoverSeconds)
        var predictions = [
            Prediction(metric: "server_unavailability", model: group.name, value: group.componentUnavailability),
            Prediction(metric: "all_up", model: group.name, value: group.allUp),
            Prediction(metric: "quorum_availability", model: quorum, value: group.serviceAvailability),
            Prediction(metric: "service_availability", model: quorum, value: group.serviceAvailability),
            Prediction(metric: "service_unavailability", model: quorum, value: group.serviceUnavailability),
            Prediction(metric: "elections_per_day", model: "λ·A_quorum + f_restore", value: electionRate * 86_400),
        ]
        if !elections.isEmpty {
            let meanElection = elections.reduce(0, +) / Double(elections.count)
            let label = "calibrated: quorum + measured election \(NumberFormat.significant(meanElection, digits: 3)) s"
            let extra = electionRate * meanElection
            predictions += [
                Prediction(metric: "service_availability", model: label, value: group.serviceAvailability - extra),
                Prediction(metric: "service_unavailability", model: label, value: group.serviceUnavailability + extra),
                Prediction(metric: "probe_availability", model: label, value: group.serviceAvailability - extra),
            ]
        }
        return predictions
    }
}

extension AnalyticPredictions {
    /// The cluster as a series block diagram of independent parts: a ZooKeeper majority, at least one
    /// scheduler server, the database and the balancer. It ignores detection, election and failover
    /// times, which is exactly the gap the measurement shows.
    static func cluster(_ spec: ClusterSpec) -> [Prediction] {
        let parts = clusterParts(spec)
        let series = ReliabilityBlock.series(parts.map { .component(unavailability: $0.unavailability) })
        let model = "series: " + (parts.isEmpty ? "no failure models" : parts.map { $0.metric.replacingOccurrences(of: "_availability", with: "") }.joined(separator: " × "))
        return parts.map { Prediction(metric: $0.metric, model: $0.model, value: 1 - $0.unavailability) } + [
            Prediction(metric: "service_availability", model: model, value: series.availability),
            Prediction(metric: "service_unavailability", model: model, value: series.unavailability),
        ]
    }

    /// The independent parts of the cluster that fail by a model, each with its unavailability.
    static func clusterParts(_ spec: ClusterSpec) -> [(metric: String, model: String, unavailability: Double)] {
        var parts: [(metric: String, model: String, unavailability: Double)] = []
        if let f = spec.ensemble.failure {
            let g = GroupModel(count: spec.ensemble.servers, quorum: spec.ensemble.servers / 2 + 1, failure: f)
            parts.append(("zookeeper_quorum_availability", "majority quorum, \(g.name)", g.serviceUnavailability))
        }
        if let f = spec.schedulerFailure {
            let g = GroupModel(count: spec.schedulers, quorum: 1, failure: f)
            parts.append(("scheduler_availability", "1-of-\(spec.schedulers), \(g.name)", g.serviceUnavailability))
        }
        for (metric, model) in [("database_availability", spec.databaseFailure), ("balancer_availability", spec.balancerFailure)] {
            if let f = model {
                parts.append((metric, "single component", GroupModel(count: 1, quorum: 1, failure: f).serviceUnavailability))
            }
        }
        return parts
    }
}

extension AnalyticPredictions {
    /// In active-standby mode with two schedulers, the pair is docs/models.md's active/standby CTMC (hot
    /// standby, a crew each) in series with the other parts: once with the scenario's assumed
    /// coverage and switchover time (instantaneous unless `analysis.switchover_time` says otherwise;
    /// left out when either is `"measured"`), and once calibrated with what this run measured: the
    /// coverage of the leader losses and the mean failover time (holder lost → new holder serves)
    /// as a deterministic τ.
    static func activeStandby(_ spec: ClusterSpec, assumptions: AnalysisSpec, outcomes: [ReplicationOutcome]) -> [Prediction] {
        guard spec.mode == .activeStandby, spec.schedulers == 2, let f = spec.schedulerFailure else { return [] }
        // The other parts by their unavailabilities: rebuilding them from 1 − U would lose the small digits.
        let others = clusterParts(spec).filter { $0.metric != "scheduler_availability" }
            .map { ReliabilityBlock.component(unavailability: $0.unavailability) }
        let failovers = outcomes.flatMap(\.failoverSeconds)
        var variants: [(label: String, coverage: Double, switchover: ActiveStandby.Switchover)] = []
        if assumptions.hasAssumedModel, case .assumed(let c) = assumptions.coverage,
            case .assumed(let time) = assumptions.switchoverTime {
            let label = time.map { "active/standby CTMC, assumed switchover \($0)" } ?? "active/standby CTMC, instant switchover"
            variants.append((label + (c < 1 ? ", coverage \(c)" : ""), c, time.map { .deterministic(time: $0.seconds) } ?? .instantaneous))
        }
        if !failovers.isEmpty {
            let tau = failovers.reduce(0, +) / Double(failovers.count)
            var label = "active/standby CTMC calibrated: measured failover \(NumberFormat.significant(tau, digits: 3)) s"
            var c = 1.0
            if let measured = coverage(outcomes) {
                c = Double(measured.covered) / Double(measured.trials)
                label += ", measured coverage \(NumberFormat.significant(c, digits: 3)) (\(measured.covered)/\(measured.trials))"
            } else if case .assumed(let assumed) = assumptions.coverage {
                c = assumed
                label += ", assumed coverage \(assumed)"
            }
            variants.append((label, c, .deterministic(time: tau)))
        }
        return variants.flatMap { variant -> [Prediction] in
            let parameters = ActiveStandby.Parameters(
                failureRate: 1 / f.timeToFailure.mean, standbyFailureRate: 1 / f.timeToFailure.mean,
                repairRate: 1 / f.timeToRepair.mean, coverage: variant.coverage, switchover: variant.switchover, crews: 2)
            guard let chain = try? ActiveStandby(parameters), let u = try? chain.unavailability() else { return [] }
            let series = ReliabilityBlock.series(others + [.component(unavailability: u)])
            let model = "series with the " + variant.label
            return [Prediction(metric: "service_availability", model: model, value: series.availability),
                    Prediction(metric: "service_unavailability", model: model, value: series.unavailability)]
        }
    }

    /// Leader losses taken over by another server, of those classified, pooled over the
    /// replications; nil when none was classified.
    static func coverage(_ outcomes: [ReplicationOutcome]) -> (covered: Int, trials: Int)? {
        let covered = outcomes.reduce(0) { $0 + $1.phases.covered }
        let trials = covered + outcomes.reduce(0) { $0 + $1.phases.uncovered }
        return trials > 0 ? (covered, trials) : nil
    }
}
