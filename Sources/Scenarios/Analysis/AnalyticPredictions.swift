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
        }
    }

    static func predictions(for scenario: Scenario, group: GroupModel?, outcomes: [ReplicationOutcome]) -> [Prediction] {
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
        let elections = outcomes.flatMap(\.electionSeconds)
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
