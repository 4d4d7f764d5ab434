import Orchestration
import Simulation

/// The failover phases a system kind measures, and their samples as the outputs show them:
/// `durations.csv`, the "durations" object of `summary.json`, the report's histograms.
enum PhaseDurations {
    /// One phase: its name in the outputs, what it measures, and its samples in one replication.
    struct Phase {
        let name: String
        let title: String
        let samples: @Sendable (ReplicationOutcome) -> [Double]
    }

    /// The phases of the scenario's kind, in report order.
    static func phases(for system: SystemSpec) -> [Phase] {
        let detection: @Sendable (ReplicationOutcome) -> [Double] = { $0.phases.detectionSeconds }
        let election: @Sendable (ReplicationOutcome) -> [Double] = { $0.phases.electionSeconds }
        switch system {
        case .components:
            return []
        case .ensemble:
            return [
                Phase(name: "detection", title: "leader crashed or paused → the first other server goes LOOKING",
                      samples: detection),
                Phase(name: "election", title: "→ a new leader establishes its epoch", samples: election),
                Phase(name: "failover", title: "service down with a quorum up (what the calibrated quorum model adds)",
                      samples: { $0.failoverSeconds }),
                Phase(name: "leader_election", title: "the winner's LOOKING → LEADING (ZooKeeper's \"LEADER ELECTION TOOK\")",
                      samples: { $0.phases.leaderElectionSeconds }),
                Phase(name: "write_gap", title: "the probe's longest wait between two successful writes",
                      samples: { $0.phases.writeGapSeconds }),
                Phase(name: "session_expiry", title: "the lock holder crashed or paused → its lock node is deleted",
                      samples: { $0.phases.sessionExpirySeconds }),
            ]
        case .cluster(let spec):
            return [
                Phase(name: "detection", title: "latch holder crashed or paused → its session expires, its latch node goes",
                      samples: detection),
                Phase(name: "election", title: "→ the next holder acquires the latch", samples: election),
                Phase(name: "switchover", title: "→ the balancer routes to the new holder", samples: { $0.phases.switchoverSeconds }),
                Phase(name: "failover", title: "holder lost → serving again (the calibrated CTMC's τ)",
                      samples: { $0.failoverSeconds }),
            ] + (spec.kubernetes == nil ? [] : orchestratorPhases)
        }
    }

    /// The phases a Kubernetes platform adds, named "k8s_" and the phase.
    static let orchestratorPhases: [Phase] = OrchestratorPhase.allCases.map { phase in
        Phase(name: "k8s_" + phase.rawValue, title: phase.title, samples: { $0.orchestration[phase] })
    }

    /// `phase, replication, duration_seconds`: every sample, by phase, then replication index, then order.
    static func table(_ result: ScenarioResult) -> CSVTable {
        var table = CSVTable(header: ["phase", "replication", "duration_seconds"])
        for phase in phases(for: result.scenario.system) {
            for outcome in result.outcomes {
                for seconds in phase.samples(outcome) {
                    table.append([phase.name, String(outcome.index), CSVTable.number(seconds)])
                }
            }
        }
        return table
    }

    /// Every sample of a phase, pooled in replication order.
    static func pooled(_ phase: Phase, _ result: ScenarioResult) -> [Double] { result.outcomes.flatMap(phase.samples) }

    /// Count, mean and quantiles in seconds (nil without samples), named as the outputs name them.
    static func statistics(_ values: [Double]) -> [(key: String, value: Double?)] {
        let histogram = Histogram(samples: values)
        return [
            ("count", Double(histogram.count)), ("mean", histogram.mean), ("p50", histogram.quantile(0.5)),
            ("p90", histogram.quantile(0.9)), ("p99", histogram.quantile(0.99)), ("max", histogram.quantile(1)),
        ]
    }

    /// Per phase, its statistics: the "durations" object of `summary.json`.
    static func summary(_ result: ScenarioResult) -> JSONValue {
        .object(phases(for: result.scenario.system).map { phase in
            (phase.name, .object(statistics(pooled(phase, result)).map { ($0.key, $0.value.map(JSONValue.number) ?? .null) }))
        })
    }

    /// The statistics of the phases with samples, one row each (the notebook's rendered output).
    static func statisticsTable(_ result: ScenarioResult) -> CSVTable {
        var table = CSVTable(header: ["phase"] + statistics([]).map(\.key))
        for phase in phases(for: result.scenario.system) {
            let values = pooled(phase, result)
            if !values.isEmpty { table.append([phase.name] + statistics(values).map { CSVTable.number($0.value) }) }
        }
        return table
    }
}
