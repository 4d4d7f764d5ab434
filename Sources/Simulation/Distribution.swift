import Foundation

/// A probability distribution of non-negative values: durations in seconds (time to failure, time
/// to repair, latency, action run time) or plain numbers.
public enum Distribution: Equatable, Sendable {
    /// Always `value`.
    case deterministic(Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean (not rate).
    case exponential(mean: Double)
    /// Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k).
    case weibull(shape: Double, scale: Double)
    /// exp(N(mu, sigma²)).
    case lognormal(mu: Double, sigma: Double)
    /// Resamples the given observations uniformly.
    case empirical([Double])

    /// The Weibull distribution with the given shape and mean.
    public static func weibull(shape: Double, mean: Double) -> Distribution {
        .weibull(shape: shape, scale: mean / tgamma(1 + 1 / shape))
    }

    /// The lognormal distribution with the given mean and coefficient of variation (σ/mean).
    public static func lognormal(mean: Double, cv: Double) -> Distribution {
        let sigma2 = log1p(cv * cv)
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// The expected value, as the analytic models need it (MTTF, MTTR).
    public var mean: Double {
        switch self {
        case .deterministic(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .exponential(let m): return m
        case .weibull(let k, let scale): return scale * tgamma(1 + 1 / k)
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .empirical(let xs): return xs.reduce(0, +) / Double(xs.count)
        }
    }

    /// Draws one value from `stream`.
    @inlinable
    public func sample(_ stream: inout RandomStream) -> Double {
        switch self {
        case .deterministic(let v): return v
        case .uniform(let a, let b): return a + (b - a) * stream.nextUnit()
        case .exponential(let m): return -m * log(stream.nextOpenUnit())
        case .weibull(let k, let scale): return scale * pow(-log(stream.nextOpenUnit()), 1 / k)
        case .lognormal(let mu, let sigma): return exp(mu + sigma * Self.standardNormal(&stream))
        case .empirical(let xs): return xs[stream.nextInt(below: xs.count)]
        }
    }

    /// Draws a duration, reading values as seconds.
    @inlinable
    public func sampleDuration(_ stream: inout RandomStream) -> SimDuration {
        SimDuration(seconds: sample(&stream))
    }

    /// Box–Muller: two uniforms, one normal (the second is discarded so a draw uses a fixed count).
    @usableFromInline
    static func standardNormal(_ stream: inout RandomStream) -> Double {
        let u1 = stream.nextOpenUnit()
        let u2 = stream.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// A distribution whose parameters make no sense.
public struct DistributionError: Error, Equatable, CustomStringConvertible {
    /// The parameter at fault, e.g. "exponential.mean".
    public let parameter: String
    /// What a valid value looks like.
    public let expected: String
    /// The value that was given.
    public let found: Double

    public var description: String { "\(parameter): expected \(expected), found \(found)" }
}

extension Distribution {
    /// Throws when a parameter is NaN, infinite, negative, or out of its domain.
    public func validate() throws(DistributionError) {
        func check(_ name: String, _ v: Double, _ ok: Bool, _ expected: String) throws(DistributionError) {
            guard v.isFinite, ok else { throw DistributionError(parameter: name, expected: expected, found: v) }
        }
        switch self {
        case .deterministic(let v):
            try check("deterministic.value", v, v >= 0, "a finite number ≥ 0")
        case .uniform(let a, let b):
            try check("uniform.min", a, a >= 0, "a finite number ≥ 0")
            try check("uniform.max", b, b >= a, "a finite number ≥ min (\(a))")
        case .exponential(let m):
            try check("exponential.mean", m, m > 0, "a finite number > 0")
        case .weibull(let k, let scale):
            try check("weibull.shape", k, k > 0, "a finite number > 0")
            try check("weibull.scale", scale, scale > 0, "a finite number > 0")
        case .lognormal(let mu, let sigma):
            try check("lognormal.mu", mu, true, "a finite number")
            try check("lognormal.sigma", sigma, sigma >= 0, "a finite number ≥ 0")
        case .empirical(let xs):
            guard !xs.isEmpty else {
                throw DistributionError(parameter: "empirical.samples", expected: "at least one sample", found: 0)
            }
            for (i, x) in xs.enumerated() { try check("empirical.samples[\(i)]", x, x >= 0, "a finite number ≥ 0") }
        }
    }
}
