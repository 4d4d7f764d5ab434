import CGSL  // math.h: exp, expm1, log1p

/// A reliability block diagram of independent blocks: series and parallel groups nest.
///
/// Every block carries its unavailability, and each combination is computed from the
/// unavailabilities directly: parallel `U = ∏ Uᵢ`; series `U = 1 − ∏(1 − Uᵢ)` as
/// `−expm1(Σ log1p(−Uᵢ))`. So a parallel pair of components at 1e-6 gives 1e-12 exactly.
public indirect enum ReliabilityBlock: Sendable, Equatable {
    /// A leaf with its steady-state unavailability in [0, 1].
    case component(unavailability: Double)
    /// Up when every member is up.
    case series([ReliabilityBlock])
    /// Up when at least one member is up.
    case parallel([ReliabilityBlock])

    /// A leaf from failure and repair rates: `U = λ/(λ+μ)`.
    public static func component(failureRate: Double, repairRate: Double) throws(ParameterError) -> ReliabilityBlock {
        .component(unavailability: try SingleComponent(failureRate: failureRate, repairRate: repairRate).unavailability)
    }

    /// The probability that the block is down.
    public var unavailability: Double {
        switch self {
        case .component(let u):
            precondition((0...1).contains(u), "unavailability \(u) outside [0, 1]")
            return u
        case .series(let blocks):
            return -expm1(blocks.reduce(0) { $0 + log1p(-$1.unavailability) })
        case .parallel(let blocks):
            return blocks.reduce(1) { $0 * $1.unavailability }
        }
    }

    /// The probability that the block is up.
    public var availability: Double {
        switch self {
        case .component(let u): return 1 - u
        case .series(let blocks): return blocks.reduce(1) { $0 * $1.availability }
        case .parallel: return 1 - unavailability
        }
    }
}
