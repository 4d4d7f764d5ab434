/// Turns the raw options of `nines analyze` into validated model inputs. Kept here, not in the
/// executable, so tests can call it; every error names the option as the user typed it.
public enum AnalyzeArguments {
    /// A rate given either directly (`--lambda`) or as a mean time (`--mttf`, rate = 1/mean).
    public static func rate(
        _ rate: Double?, rateOption: String, mean: Double?, meanOption: String, allowZero: Bool = false
    ) throws(ParameterError) -> Double {
        try magnitude(rate, name: rateOption)
        try magnitude(mean, name: meanOption)
        switch (rate, mean) {
        case (let r?, nil):
            return allowZero
                ? try ParameterCheck.nonNegativeRate(r, name: rateOption) : try ParameterCheck.positiveRate(r, name: rateOption)
        case (nil, let m?):
            return 1 / (try ParameterCheck.positiveTime(m, name: meanOption))
        case (.some, .some):
            throw ParameterError(name: rateOption, expected: "either \(rateOption) or \(meanOption), not both", found: "both")
        case (nil, nil):
            throw ParameterError(name: rateOption, expected: "a rate (or \(meanOption) as a mean time)", found: "neither")
        }
    }

    /// The range of a positive rate or time typed on the command line: products, ratios and squares
    /// of such values stay finite and normal, so the models solve and the reports print (1e308 or
    /// 1e-320 made them infinite or denormal). Zero, negative and non-finite values are left to the
    /// model's own checks, which say what each option allows.
    public static let magnitudes: ClosedRange<Double> = 1e-15...1e15

    /// Throws when `value` is positive and finite but outside ``magnitudes``.
    public static func magnitude(_ value: Double?, name: String) throws(ParameterError) {
        guard let value, value.isFinite, value > 0, !magnitudes.contains(value) else { return }
        throw ParameterError(name: name, expected: "a value between 1e-15 and 1e15", found: "\(value)")
    }

    /// The down probability of one component: `--p`, or `λ/(λ+μ)` from `--lambda/--mttf` and
    /// `--mu/--mttr` (with both means given, `MTTR/(MTTF+MTTR)` directly).
    public static func downProbability(
        p: Double?, lambda: Double?, mu: Double?, mttf: Double?, mttr: Double?
    ) throws(ParameterError) -> Double {
        let rateGiven = lambda != nil || mu != nil || mttf != nil || mttr != nil
        if let p {
            guard !rateGiven else {
                throw ParameterError(name: "--p", expected: "either --p or rates (--lambda/--mu or --mttf/--mttr), not both", found: "both")
            }
            return try ParameterCheck.probability(p, name: "--p")
        }
        guard rateGiven else {
            throw ParameterError(name: "--p", expected: "a probability (or --lambda/--mu, or --mttf/--mttr)", found: "none")
        }
        if let mttf, let mttr, lambda == nil, mu == nil {
            let up = try ParameterCheck.positiveTime(mttf, name: "--mttf")
            let down = try ParameterCheck.positiveTime(mttr, name: "--mttr")
            return down / (up + down)
        }
        let l = try rate(lambda, rateOption: "--lambda", mean: mttf, meanOption: "--mttf", allowZero: true)
        let m = try rate(mu, rateOption: "--mu", mean: mttr, meanOption: "--mttr")
        return l / (l + m)
    }

    /// The component count `--n` (1 … 10⁷).
    public static func componentCount(_ n: Int) throws(ParameterError) -> Int {
        try ParameterCheck.integer(n, in: 1...10_000_000, name: "--n")
    }

    /// The quorum `--k` (at least k of n up), majority `⌊n/2⌋+1` when absent.
    public static func quorum(_ k: Int?, count n: Int) throws(ParameterError) -> Int {
        guard let k else { return n / 2 + 1 }
        return try ParameterCheck.integer(k, in: 1...n, name: "--k")
    }

    /// The raw options of `nines analyze standby`.
    public struct StandbyOptions: Sendable {
        public var lambda: Double?
        public var mttf: Double?
        public var mu: Double?
        public var mttr: Double?
        public var lambdaStandby: Double
        public var coverage: Double
        public var switchoverRate: Double?
        public var switchoverTime: Double?
        public var crews: Int
        public var manualRecoveryRate: Double
        public var failbackRate: Double?
        public var at: Double?

        public init(
            lambda: Double? = nil, mttf: Double? = nil, mu: Double? = nil, mttr: Double? = nil, lambdaStandby: Double,
            coverage: Double = 1, switchoverRate: Double? = nil, switchoverTime: Double? = nil, crews: Int = 1,
            manualRecoveryRate: Double = 0, failbackRate: Double? = nil, at: Double? = nil
        ) {
            self.lambda = lambda
            self.mttf = mttf
            self.mu = mu
            self.mttr = mttr
            self.lambdaStandby = lambdaStandby
            self.coverage = coverage
            self.switchoverRate = switchoverRate
            self.switchoverTime = switchoverTime
            self.crews = crews
            self.manualRecoveryRate = manualRecoveryRate
            self.failbackRate = failbackRate
            self.at = at
        }

        /// The validated model parameters.
        public func parameters() throws(ParameterError) -> ActiveStandby.Parameters {
            for (value, name) in [
                (lambdaStandby, "--lambda-standby"), (switchoverRate, "--switchover-rate"), (switchoverTime, "--switchover-time"),
                (manualRecoveryRate, "--manual-recovery-rate"), (failbackRate, "--failback-rate"), (at, "--at"),
            ] as [(Double?, String)] {
                try magnitude(value, name: name)
            }
            let l = try rate(lambda, rateOption: "--lambda", mean: mttf, meanOption: "--mttf")
            let m = try rate(mu, rateOption: "--mu", mean: mttr, meanOption: "--mttr")
            let switchover: ActiveStandby.Switchover
            switch (switchoverRate, switchoverTime) {
            case (nil, nil): switchover = .instantaneous
            case (let d?, nil) where d == .infinity: switchover = .instantaneous
            case (let d?, nil): switchover = .rate(try ParameterCheck.positiveRate(d, name: "--switchover-rate"))
            case (nil, let t?):
                switchover = .deterministic(time: try ParameterCheck.nonNegativeTime(t, name: "--switchover-time"))
            case (.some, .some):
                throw ParameterError(
                    name: "--switchover-rate", expected: "either --switchover-rate or --switchover-time, not both", found: "both")
            }
            return ActiveStandby.Parameters(
                failureRate: l,
                standbyFailureRate: try ParameterCheck.nonNegativeRate(lambdaStandby, name: "--lambda-standby"),
                repairRate: m,
                coverage: try ParameterCheck.probability(coverage, name: "--coverage"),
                switchover: switchover,
                crews: try ParameterCheck.integer(crews, oneOf: [1, 2], name: "--crews"),
                manualRecoveryRate: try ParameterCheck.nonNegativeRate(manualRecoveryRate, name: "--manual-recovery-rate"),
                failbackRate: try failbackRate.map { r throws(ParameterError) in try ParameterCheck.positiveRate(r, name: "--failback-rate") })
        }

        /// The validated `--at` time, if given.
        public func horizon() throws(ParameterError) -> Double? {
            try at.map { t throws(ParameterError) in try ParameterCheck.nonNegativeTime(t, name: "--at") }
        }
    }
}
