import Reliability
import Foundation
import Simulation

/// An analytic model's value for one metric.
struct Prediction {
    var metric: String
    var model: String
    var value: Double
    /// The standard error of `value` from the measured inputs of a calibrated model (delta
    /// method); 0 for a model with assumed parameters only. The verdict widens the empirical
    /// interval by it, so a model fitted on noisy measurements is not called wrong for their noise.
    var standardError = 0.0
    /// The model's stable key in the outputs (`series_ctmc_calibrated`), for tools to select on.
    var key: String
    /// What a calibrated model took from this run's measurements.
    var calibration: Calibration? = nil
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
            guard spec.kubernetes != nil else {
                return cluster(spec) + activeStandby(spec, assumptions: scenario.analysis, outcomes: outcomes)
            }
            // On Kubernetes the orchestrator repairs: the models take its MTTR, and say so.
            let repaired = KubernetesRepair.spec(spec)
            let models = [repaired.ensemble.failure, repaired.schedulerFailure, repaired.databaseFailure].compactMap { $0 }
            guard models.allSatisfy({ $0.timeToRepair.mean.isFinite }) else { return [] }  // a hang nothing restarts
            let label = KubernetesRepair.label(repaired)
            return (cluster(repaired) + activeStandby(repaired, assumptions: scenario.analysis, outcomes: outcomes)).map {
                var p = $0
                p.model += "; " + label
                return p
            }
        }
        guard let group else { return [] }
        switch scenario.system {
        case .components:
            return [
                Prediction(metric: "component_unavailability", model: group.name, value: group.componentUnavailability, key: group.key),
                Prediction(metric: "all_up", model: group.name, value: group.allUp, key: group.key),
                Prediction(metric: "service_availability", model: "\(group.quorum)-of-\(group.count), \(group.name)", value: group.serviceAvailability,
                           key: "k_of_n_" + group.key),
                Prediction(metric: "service_unavailability", model: "\(group.quorum)-of-\(group.count), \(group.name)",
                           value: group.serviceUnavailability, key: "k_of_n_" + group.key),
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
    /// election, the mean election time measured in this run:
    ///
    ///     U_cal = U_quorum + (λ·P(down < n − q) + f_restore) · E[election]
    ///
    /// An election follows the leader failing while the quorum survives it (fewer than n − q
    /// servers down before the failure, so P(down ≤ n − q − 1), not A_quorum: a leader failing
    /// with n − q already down takes the quorum down, and that outage is in U_quorum), and the
    /// quorum coming back (f_restore, transitions from n − q + 1 down to n − q), after which a
    /// leader is elected once.
    static func ensemble(_ group: GroupModel, outcomes: [ReplicationOutcome]) -> [Prediction] {
        let quorum = "majority quorum, \(group.name)"
        let electionRate = group.electionFrequency
        let elections = outcomes.flatMap(\.failoverSeconds)
        var predictions = [
            Prediction(metric: "server_unavailability", model: group.name, value: group.componentUnavailability, key: group.key),
            Prediction(metric: "all_up", model: group.name, value: group.allUp, key: group.key),
            Prediction(metric: "quorum_availability", model: quorum, value: group.serviceAvailability, key: "majority_quorum"),
            Prediction(metric: "service_availability", model: quorum, value: group.serviceAvailability, key: "majority_quorum"),
            Prediction(metric: "service_unavailability", model: quorum, value: group.serviceUnavailability, key: "majority_quorum"),
            Prediction(metric: "elections_per_day", model: "λ·P(leader loss keeps a quorum) + f_restore", value: electionRate * 86_400,
                       key: "election_rate"),
        ]
        if !elections.isEmpty {
            let (meanElection, electionSE) = meanAndStandardError(elections)
            let label = "calibrated on this run: quorum + measured election \(NumberFormat.significant(meanElection, digits: 3)) "
                + "± \(NumberFormat.significant(electionSE, digits: 2)) s (1 SE)"
            let extra = electionRate * meanElection, se = electionRate * electionSE
            let key = "majority_quorum_calibrated", calibration = Calibration(failoverSeconds: meanElection)
            predictions += [
                Prediction(metric: "service_availability", model: label, value: group.serviceAvailability - extra, standardError: se,
                           key: key, calibration: calibration),
                Prediction(metric: "service_unavailability", model: label, value: group.serviceUnavailability + extra, standardError: se,
                           key: key, calibration: calibration),
                Prediction(metric: "probe_availability", model: label, value: group.serviceAvailability - extra, standardError: se,
                           key: key, calibration: calibration),
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
        return parts.map { Prediction(metric: $0.metric, model: $0.model, value: 1 - $0.unavailability, key: $0.key) } + [
            Prediction(metric: "service_availability", model: model, value: series.availability, key: "series"),
            Prediction(metric: "service_unavailability", model: model, value: series.unavailability, key: "series"),
        ]
    }

    /// The independent parts of the cluster that fail by a model, each with its unavailability.
    static func clusterParts(_ spec: ClusterSpec) -> [(metric: String, model: String, key: String, unavailability: Double)] {
        var parts: [(metric: String, model: String, key: String, unavailability: Double)] = []
        if let f = spec.ensemble.failure {
            let g = GroupModel(count: spec.ensemble.servers, quorum: spec.ensemble.servers / 2 + 1, failure: f)
            parts.append(("zookeeper_quorum_availability", "majority quorum, \(g.name)", "majority_quorum", g.serviceUnavailability))
        }
        if let f = spec.schedulerFailure {
            let g = GroupModel(count: spec.schedulers, quorum: 1, failure: f)
            parts.append(("scheduler_availability", "1-of-\(spec.schedulers), \(g.name)", "k_of_n_" + g.key,
                          g.serviceUnavailability))
        }
        for (metric, model) in [("database_availability", spec.databaseFailure), ("balancer_availability", spec.balancerFailure)] {
            if let f = model {
                parts.append((metric, "single component", "single_component", GroupModel(count: 1, quorum: 1, failure: f).serviceUnavailability))
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
        func unavailability(coverage c: Double, switchover: ActiveStandby.Switchover) -> Double? {
            let parameters = ActiveStandby.Parameters(
                failureRate: 1 / f.timeToFailure.mean, standbyFailureRate: 1 / f.timeToFailure.mean,
                repairRate: 1 / f.timeToRepair.mean, coverage: c, switchover: switchover, crews: 2)
            guard let chain = try? ActiveStandby(parameters), let u = try? chain.unavailability() else { return nil }
            return ReliabilityBlock.series(others + [.component(unavailability: u)]).unavailability
        }
        var predictions: [Prediction] = []
        func add(_ label: String, _ u: Double, standardError: Double = 0, key: String, calibration: Calibration? = nil) {
            let model = "series with the " + label
            predictions += [
                Prediction(metric: "service_availability", model: model, value: 1 - u, standardError: standardError,
                           key: key, calibration: calibration),
                Prediction(metric: "service_unavailability", model: model, value: u, standardError: standardError,
                           key: key, calibration: calibration),
            ]
        }
        if assumptions.hasAssumedModel, case .assumed(let c) = assumptions.coverage,
            case .assumed(let time) = assumptions.switchoverTime,
            let u = unavailability(coverage: c, switchover: time.map { .deterministic(time: $0.seconds) } ?? .instantaneous) {
            let label = time.map { "active/standby CTMC, assumed switchover \($0)" } ?? "active/standby CTMC, instant switchover"
            add(label + (c < 1 ? ", coverage \(c)" : ""), u, key: "series_ctmc_assumed")
        }
        guard !failovers.isEmpty else { return predictions }
        // Calibrated: τ and c are this run's own measurements, so their noise is propagated into
        // the prediction by the delta method, U(τ ± σ_τ, c ± σ_c) by central (or, at an end of
        // [0, 1], one-sided) differences.
        let (tau, tauSE) = meanAndStandardError(failovers)
        var label = "active/standby CTMC calibrated on this run: measured failover \(NumberFormat.significant(tau, digits: 3)) "
            + "± \(NumberFormat.significant(tauSE, digits: 2)) s"
        var c = 1.0, coverageSE = 0.0
        var calibration = Calibration(failoverSeconds: tau)
        if let measured = coverage(outcomes) {
            c = Double(measured.covered) / Double(measured.trials)
            calibration.coverage = c
            calibration.coverageTrials = measured.trials
            // Wilson's 68.3% interval as one standard error: it stays honest at c = 1, where √(c(1−c)/n) is 0.
            if let w = try? ConfidenceInterval.wilson(successes: measured.covered, trials: measured.trials, level: 0.6827) {
                coverageSE = (w.upper - w.lower) / 2
            }
            label += ", measured coverage \(NumberFormat.significant(c, digits: 3)) (\(measured.covered)/\(measured.trials))"
        } else if case .assumed(let assumed) = assumptions.coverage {
            c = assumed
            label += ", assumed coverage \(assumed)"
        }
        guard let u = unavailability(coverage: c, switchover: .deterministic(time: tau)) else { return predictions }
        let dTau = max(tau * 1e-4, 1e-6)
        let dC = 1e-4
        let (cLow, cHigh) = (max(0, c - dC), min(1, c + dC))
        guard let uTauUp = unavailability(coverage: c, switchover: .deterministic(time: tau + dTau)),
            let uTauDown = unavailability(coverage: c, switchover: .deterministic(time: max(0, tau - dTau))),
            let uCHigh = unavailability(coverage: cHigh, switchover: .deterministic(time: tau)),
            let uCLow = unavailability(coverage: cLow, switchover: .deterministic(time: tau))
        else { return predictions }
        let slopeTau = (uTauUp - uTauDown) / (tau + dTau - max(0, tau - dTau))
        let slopeC = (uCHigh - uCLow) / (cHigh - cLow)
        let se = ((slopeTau * tauSE) * (slopeTau * tauSE) + (slopeC * coverageSE) * (slopeC * coverageSE)).squareRoot()
        add(label + "; model ± \(NumberFormat.significant(se, digits: 2)) (1 SE, delta method)", u, standardError: se,
            key: "series_ctmc_calibrated", calibration: calibration)
        return predictions
    }

    /// The mean of measured samples and its standard error s/√n; with one sample, the sample
    /// itself stands for the error (nothing smaller can be claimed from one failover).
    static func meanAndStandardError(_ samples: [Double]) -> (mean: Double, standardError: Double) {
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        guard samples.count >= 2 else { return (mean, abs(mean)) }
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    /// Leader losses taken over by another server, of those classified, pooled over the
    /// replications; nil when none was classified.
    static func coverage(_ outcomes: [ReplicationOutcome]) -> (covered: Int, trials: Int)? {
        let covered = outcomes.reduce(0) { $0 + $1.phases.covered }
        let trials = covered + outcomes.reduce(0) { $0 + $1.phases.uncovered }
        return trials > 0 ? (covered, trials) : nil
    }
}
