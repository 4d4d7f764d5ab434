import CGSL  // math.h: exp, expm1, log1p

/// One repairable component with exponential failure rate λ and repair rate μ (docs/models.md).
public struct SingleComponent: Sendable, Equatable {
    /// Failure rate λ (per unit time), > 0 or 0 for a component that never fails.
    public let failureRate: Double
    /// Repair rate μ (per unit time), > 0.
    public let repairRate: Double

    /// - Throws: ``ParameterError`` for a negative or non-finite λ, or a μ that is not finite and > 0.
    public init(failureRate: Double, repairRate: Double) throws(ParameterError) {
        self.failureRate = try ParameterCheck.nonNegativeRate(failureRate, name: "λ (failure rate)")
        self.repairRate = try ParameterCheck.positiveRate(repairRate, name: "μ (repair rate)")
    }

    /// Builds the component from its mean time to failure and mean time to repair.
    public init(mttf: Double, mttr: Double) throws(ParameterError) {
        let up = try ParameterCheck.positiveTime(mttf, name: "MTTF")
        let down = try ParameterCheck.positiveTime(mttr, name: "MTTR")
        try self.init(failureRate: 1 / up, repairRate: 1 / down)
    }

    private var totalRate: Double { failureRate + repairRate }

    /// Steady-state availability μ/(λ+μ).
    public var availability: Double { repairRate / totalRate }

    /// Steady-state unavailability p = λ/(λ+μ), computed directly rather than as 1 − A.
    public var unavailability: Double { failureRate / totalRate }

    /// Unavailability at time `t` having started up: `p (1 − e^{−(λ+μ)t})`, with `expm1` so small
    /// `t` keeps its digits.
    public func unavailability(at t: Double) -> Double {
        unavailability * -expm1(-totalRate * t)
    }

    /// Availability at time `t` having started up: `μ/(λ+μ) + λ/(λ+μ) e^{−(λ+μ)t}`.
    public func availability(at t: Double) -> Double {
        availability + unavailability * exp(-totalRate * t)
    }

    /// Expected fraction of `[0, t]` spent down, having started up:
    /// `p (1 − (1 − e^{−x})/x)` with `x = (λ+μ)t`.
    public func intervalUnavailability(over t: Double) -> Double {
        precondition(t >= 0)
        return unavailability * Self.oneMinusMeanDecay(totalRate * t)
    }

    /// Expected fraction of `[0, t]` spent up, having started up.
    public func intervalAvailability(over t: Double) -> Double {
        precondition(t >= 0)
        let x = totalRate * t
        return availability + unavailability * (x == 0 ? 1 : -expm1(-x) / x)
    }

    /// `1 − (1 − e^{−x})/x = (x − 1 + e^{−x})/x`. For small x the difference cancels, so use the
    /// alternating series `Σ_{k≥1} (−x)^k (−1) / (k+1)!` = x/2 − x²/6 + x³/24 − …
    static func oneMinusMeanDecay(_ x: Double) -> Double {
        if x == 0 { return 0 }
        if x > 0.5 { return (x + expm1(-x)) / x }
        var term = x / 2  // x^k / (k+1)!, k = 1
        var sum = 0.0
        var k = 1
        while k < 40 && abs(term) > 1e-18 * abs(sum) {
            sum += k % 2 == 1 ? term : -term
            k += 1
            term *= x / Double(k + 1)
        }
        return sum
    }
}
