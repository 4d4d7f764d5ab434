import CGSL  // math.h: expm1

extension ActiveStandby {
    /// How the standby takes over after a covered failure of the active unit.
    public enum Switchover: Sendable, Equatable {
        /// No outage: the S state is removed.
        case instantaneous
        /// An exponential switchover with rate δ (mean 1/δ). `.infinity` is `.instantaneous`.
        case rate(Double)
        /// A deterministic switchover time τ. Steady state and MTTF are exact (docs/models.md:
        /// `a = cλ(1 − e^{−(λs+μ)τ})/(λs+μ)`); see ``equivalentRate(standbyFailureRate:repairRate:)``.
        case deterministic(time: Double)

        /// The exponential rate that gives S the same exit probabilities and mean sojourn as the
        /// deterministic delay τ, `δ = (λs+μ)/(e^{(λs+μ)τ} − 1)`, or nil for no S state.
        ///
        /// The steady state of a semi-Markov process depends only on its embedded chain and mean
        /// sojourn times, so this rate makes the CTMC's steady state (and MTTF, which does not
        /// depend on δ) exact. Transient values then approximate the deterministic delay by an
        /// exponential one with the same mean sojourn.
        public func equivalentRate(standbyFailureRate: Double, repairRate: Double) -> Double? {
            switch self {
            case .instantaneous: return nil
            case .rate(let delta): return delta.isInfinite ? nil : delta
            case .deterministic(let tau):
                if tau == 0 { return nil }
                let competing = standbyFailureRate + repairRate
                return competing / expm1(competing * tau)
            }
        }
    }

    /// The parameters of docs/models.md's two-unit active/standby model, in one time unit.
    public struct Parameters: Sendable, Equatable {
        /// λ: failure rate of the active unit, > 0.
        public var failureRate: Double
        /// λs: failure rate of the standby (hot: λ; warm: between; cold: 0).
        public var standbyFailureRate: Double
        /// μ: repair rate of one crew, > 0.
        public var repairRate: Double
        /// c: probability that a failure of the active unit is detected and a switchover starts.
        public var coverage: Double
        public var switchover: Switchover
        /// r: repair crews, 1 or 2.
        public var crews: Int
        /// β: rate of manual recovery onto the standby after an uncovered failure (0: none).
        public var manualRecoveryRate: Double
        /// δ_fb: rate of the planned failback to the primary after its repair, or nil for no
        /// failback (the units are then interchangeable). See ``ActiveStandby`` for the states.
        public var failbackRate: Double?

        public init(
            failureRate: Double, standbyFailureRate: Double, repairRate: Double, coverage: Double = 1,
            switchover: Switchover = .instantaneous, crews: Int = 1, manualRecoveryRate: Double = 0,
            failbackRate: Double? = nil
        ) {
            self.failureRate = failureRate
            self.standbyFailureRate = standbyFailureRate
            self.repairRate = repairRate
            self.coverage = coverage
            self.switchover = switchover
            self.crews = crews
            self.manualRecoveryRate = manualRecoveryRate
            self.failbackRate = failbackRate
        }

        /// Throws a ``ParameterError`` naming the first parameter outside its domain.
        public func validate() throws(ParameterError) {
            _ = try ParameterCheck.positiveRate(failureRate, name: "λ (failure rate)")
            _ = try ParameterCheck.nonNegativeRate(standbyFailureRate, name: "λs (standby failure rate)")
            _ = try ParameterCheck.positiveRate(repairRate, name: "μ (repair rate)")
            _ = try ParameterCheck.probability(coverage, name: "c (coverage)")
            switch switchover {
            case .instantaneous: break
            case .rate(let delta):
                if !(delta.isInfinite && delta > 0) {
                    _ = try ParameterCheck.positiveRate(delta, name: "δ (switchover rate)")
                }
            case .deterministic(let tau): _ = try ParameterCheck.nonNegativeTime(tau, name: "τ (switchover time)")
            }
            _ = try ParameterCheck.integer(crews, oneOf: [1, 2], name: "r (repair crews)")
            _ = try ParameterCheck.nonNegativeRate(manualRecoveryRate, name: "β (manual recovery rate)")
            if let failbackRate { _ = try ParameterCheck.positiveRate(failbackRate, name: "δ_fb (failback rate)") }
        }
    }
}
