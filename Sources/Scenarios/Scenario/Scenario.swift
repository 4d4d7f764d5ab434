import Coordination
import Scheduler
import Simulation

/// A validated scenario: what to simulate, for how long, how often, and what to expect.
public struct Scenario: Sendable, Equatable {
    /// Short name; also the output folder under `notebooks-out/`.
    public var name: String
    public var description: String
    /// Root seed; replication i runs with a seed derived from it and i.
    public var seed: UInt64
    /// Simulated time per replication, warm-up included.
    public var duration: SimDuration
    /// Leading time whose statistics are discarded.
    public var warmUp: SimDuration
    public var replications: ReplicationPlan
    public var system: SystemSpec
    public var network: LinkSettings
    public var faults: [FaultSpec]
    public var analysis: AnalysisSpec
    public var expectations: Expectations
    /// Estimate the unavailability by regenerative importance sampling instead of replications.
    public var rareEvent: RareEventSpec? = nil
}

/// How many replications to run.
public enum ReplicationPlan: Sendable, Equatable {
    /// Exactly this many.
    case fixed(Int)
    /// Until the service metric's relative half-width is at most `relativePrecision`, checked
    /// every `minimum` replications (the checkpoints do not depend on `--jobs`).
    case precision(relativePrecision: Double, minimum: Int, maximum: Int)

    /// The replications run before the first check.
    public var minimum: Int {
        switch self {
        case .fixed(let n): return n
        case .precision(_, let minimum, _): return minimum
        }
    }
}

/// The system under test.
public enum SystemSpec: Sendable, Equatable {
    /// Protocol-free components that fail and are repaired: checks the statistics against the math.
    case components(ComponentsSpec)
    /// A Zab ensemble under failures, with a probe client writing through it.
    case ensemble(EnsembleSpec)
    /// The whole HA design: a Zab ensemble, scheduler servers in an HA mode, the job database,
    /// the compute service, a balancer, and a probe submitting workflows through it.
    case cluster(ClusterSpec)
}

/// A ZooKeeper-like ensemble: its size and timings, how its servers fail, and the probe.
public struct EnsembleSpec: Sendable, Equatable {
    public var servers: Int
    public var tickTime: SimDuration = .seconds(2)
    public var initLimit: Int64 = 10
    public var syncLimit: Int64 = 5
    public var forceSync = true
    /// Stochastic failures of the servers; nil for scripted faults only.
    public var failure: FailureModel?
    public var probe = ProbeSpec()
    /// A client holding a lock (host "holder"), for the lock-holder experiments; nil for none.
    public var lockHolder: LockHolderSpec?

    /// The scenario's host names: the servers, the probe client, then the lock holder if any.
    public var hostNames: [String] { (1...servers).map { "zk\($0)" } + ["probe"] + (lockHolder == nil ? [] : ["holder"]) }
}

/// A client that takes a lock at start and holds it (``LockHolder``), so that killing or
/// stopping it measures how long its lock outlives it: its session's expiry.
public struct LockHolderSpec: Sendable, Equatable {
    /// The session timeout the holder asks for (the ensemble clamps it to [2, 20] ticks).
    public var sessionTimeout: SimDuration = .seconds(10)
}

/// The client that measures availability as users see it: a write every `interval`, counted as
/// a success when its answer comes within `timeout`.
public struct ProbeSpec: Sendable, Equatable {
    public var interval: SimDuration = .seconds(1)
    public var timeout: SimDuration = .seconds(5)
    public var sessionTimeout: SimDuration = .seconds(30)
}

extension SystemSpec {
    /// The names scripted faults may use, in host order.
    public var hostNames: [String] {
        switch self {
        case .components: return []
        case .ensemble(let spec): return spec.hostNames
        case .cluster(let spec): return spec.hostNames
        }
    }

    /// The message kinds this system's hosts send, which `on_send_kind` may name.
    public var messageKinds: [MessageKind] {
        switch self {
        case .components: return []
        case .ensemble: return PeerMessage.Kinds.all + ClientMessage.Kinds.all
        case .cluster: return PeerMessage.Kinds.all + ClientMessage.Kinds.all + SchedulerMessageKinds.all
        }
    }
}

/// `n` components with one failure model; the service is up while at least `serviceQuorum` are up.
public struct ComponentsSpec: Sendable, Equatable {
    public var count: Int
    public var failure: FailureModel
    /// Components that must be up for the service to be up (n = all, i.e. series; 1 = parallel).
    public var serviceQuorum: Int
}

/// A scripted fault, naming a host or component by name.
public struct FaultSpec: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case crash, restart, pause, resume, partition, heal, clockJump = "clock_jump", clockDrift = "clock_drift",
            loseUnsyncedWrites = "lose_unsynced_writes", diskLoss = "disk_loss", cutLink = "cut_link",
            healLink = "heal_link"
    }
    public var at: SimDuration
    public var action: Action
    /// The host(s) it applies to; for `partition`, the side cut off from the rest.
    public var targets: [String]
    /// Clock jump size.
    public var by: SimDuration?
    /// Clock drift rate.
    public var drift: Double?
    /// `partition` only: cut only the direction from `targets` to the rest.
    public var oneWay: Bool
    /// `restart` only: start from an empty disk.
    public var wipeDisk = false
    /// `cut_link` and `heal_link`: the far end of the link from `targets[0]`.
    public var to: String?
    /// `pause` only: wait until the host next sends to this host, then pause it (a request in flight).
    public var onSendTo: String?
    /// `pause` with `onSendTo` only: the kind of message that fires it (e.g. "STORE_READ"); nil is any.
    public var onSendKind: MessageKind?
    /// `crash`, `lose_unsynced_writes` and `disk_loss`: how the host dies; nil is the action's default.
    public var mode: CrashMode?

    /// The crash mode of an action when the scenario names none: a scripted `crash` is what a
    /// chaos test does by hand (kill -9, as the calibration harness does), a lost write cache
    /// happens only when the machine stops (power loss, panic), a disk loss replaces the machine.
    public static func defaultMode(_ action: Action) -> CrashMode {
        action == .loseUnsyncedWrites ? .host : .process
    }

    /// The crash mode this fault uses.
    public var crashMode: CrashMode { mode ?? Self.defaultMode(action) }
}

/// Which analytic models to compare with, and their assumptions.
public struct AnalysisSpec: Sendable, Equatable {
    /// Family-wise confidence of the verdicts (each interval is built at the Bonferroni-adjusted
    /// level), and the level of the headline and of the intervals that get no verdict.
    public var confidence: Double = 0.95
    /// "Agrees" needs the interval's relative half-width on the small number (the unavailability,
    /// not the availability) to be at most this. 0.25 (±25%) is the loosest of the 0.1…0.25 range
    /// that still separates a design from one with twice or half its downtime, and it needs about
    /// 2z²/0.25² ≈ 230 outages at a family-adjusted z ≈ 2.7 (±10% would need ≈ 1500).
    public var relativePrecision: Double = 0.25
    /// Active/standby CTMC assumption: probability that a failure of the active unit is detected
    /// and a switchover starts.
    public var coverage: Assumption<Double> = .assumed(1)
    /// Active/standby CTMC assumption: the switchover time; nil is instantaneous. The model
    /// calibrated with the measured coverage and failover time is always shown beside it.
    public var switchoverTime: Assumption<SimDuration?> = .assumed(nil)

    /// Whether the assumed active/standby CTMC is shown: not when a parameter is `"measured"`,
    /// since then the calibrated model is the one asked for.
    public var hasAssumedModel: Bool { coverage != .measured && switchoverTime != .measured }
}

/// A model parameter that the scenario assumes, or that the run calibrates (`"measured"`).
public enum Assumption<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The scenario's value.
    case assumed(Value)
    /// Calibrated from the run's measurements.
    case measured
}

/// What must hold for `nines run` and `nines check` to exit 0.
public struct Expectations: Sendable, Equatable {
    /// Every comparison must be "agrees" (inconclusive counts as a failure unless allowed).
    public var allAgree = false
    public var allowInconclusive = false
    /// Bounds on the service availability's point estimate.
    public var availabilityAtLeast: Double?
    public var availabilityAtMost: Double?
    public var unavailabilityAtMost: Double?
    /// The configuration is unsafe on purpose: the run passes only if an invariant is violated.
    public var violationExpected = false
    /// Bounds on any measured metric's point estimate, in the system's metric order.
    public var metricBounds: [MetricBound] = []
}

/// Bounds on one metric's point estimate (the mean over replications).
public struct MetricBound: Sendable, Equatable {
    public var metric: String
    public var atLeast: Double?
    public var atMost: Double?
}
