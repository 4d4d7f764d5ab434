import Reliability
import Simulation

/// One metric: the empirical estimate with its interval beside the analytic value.
public struct ComparisonRow: Sendable, Equatable {
    public var metric: String
    public var title: String
    /// Mean over replications.
    public var empirical: Double
    public var lower: Double
    public var upper: Double
    /// The model's value, when a model applies.
    public var analytic: Double?
    /// Which model gave `analytic`, in words.
    public var model: String
    /// Nil when no model applies.
    public var verdict: Verdict?
    /// The model as a stable key (`series_ctmc_calibrated`; `none` without a model).
    public var modelKey = "none"
    /// What a calibrated model took from this run's measurements.
    public var calibration: Calibration?
    /// Why the verdict is not "agrees", and what would settle an inconclusive one.
    public var reason: String? = nil
    /// How the interval was built ("regenerative ratio over 412 outage cycles").
    public var method: String = ""
    /// The interval's confidence level (the family-adjusted per-comparison level).
    public var level: Double = 0.95

    public var difference: Double? { analytic.map { empirical - $0 } }
    /// The verdict as the outputs print it ("n/a" without a model).
    public var verdictText: String { verdict?.rawValue ?? "n/a" }
}

/// The measured values a calibrated model uses in place of assumptions.
public struct Calibration: Sendable, Equatable {
    /// The mean failover (cluster) or election (ensemble) time, in seconds.
    public var failoverSeconds: Double
    /// The measured failover coverage and the number of leader losses it is measured on.
    public var coverage: Double?
    public var coverageTrials: Int?

    public init(failoverSeconds: Double, coverage: Double? = nil, coverageTrials: Int? = nil) {
        self.failoverSeconds = failoverSeconds
        self.coverage = coverage
        self.coverageTrials = coverageTrials
    }
}

/// Time with exactly k components down: measured, and by the binomial and birth–death models.
public struct OccupancyRow: Sendable, Equatable {
    public var down: Int
    public var empirical: Double
    public var lower: Double
    public var upper: Double
    public var binomial: Double
    /// With shared repair crews; equal to the binomial when every component has its own crew.
    public var birthDeath: Double
    /// How the interval was built; its level is the scenario's confidence, not family-adjusted
    /// (occupancy rows get no verdict, so they are not in the family).
    public var method: String = ""
}

/// The chi-square goodness-of-fit test of the sampled down counts against the model.
public struct ChiSquareSummary: Sendable, Equatable {
    public var model: String
    public var samples: Int
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    public var verdict: Verdict
    /// The significance level it was judged at: the family's α over its comparisons.
    public var alpha: Double = 0
}

/// One expectation and whether it held.
public struct ExpectationCheck: Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var detail: String
}

/// Everything a run produced, ready to be written.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var outcomes: [ReplicationOutcome]
    public var rows: [ComparisonRow]
    public var occupancy: [OccupancyRow]
    public var chiSquare: ChiSquareSummary?
    public var checks: [ExpectationCheck]
    /// The service metric's mean and interval after each replication, in index order.
    public var running: [RunningPoint]
    /// A digest over every replication's digest, in index order.
    public var digest: UInt64
    /// How the verdicts were reached: the family confidence, the number of comparisons and the
    /// per-comparison level, and the relative precision "agrees" needs.
    public var policy = VerdictPolicy()
    /// The service's unavailability with its interval, nines and downtime: the first thing every
    /// output states. Nil for a system without a service metric.
    public var headline: Headline?
    /// The rare-event estimate, when the scenario asked for one (then there are no replications).
    public var rareEvent: RareEventResult? = nil
    /// The replications' downtime by cause (cluster kind), by decreasing contribution.
    public var replicationCauses: [DowntimeCause] = []

    /// The downtime by cause every output shows: the rare-event estimator's when it ran, else the
    /// replications'.
    public var downtimeByCause: [DowntimeCause] { rareEvent?.causes ?? replicationCauses }

    /// Whether the run attributes its downtime to causes (a cluster's replications, or the
    /// rare-event estimator): only then do the outputs show the table, empty or not.
    public var attributesDowntime: Bool {
        rareEvent != nil || outcomes.contains { !$0.downtimeByCause.isEmpty }
    }

    /// Whether every expectation held.
    public var passed: Bool { checks.allSatisfy(\.passed) }
}

/// The running estimate after some replications.
public struct RunningPoint: Sendable, Equatable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
}
