/// Why a statistical estimate could not be formed.
public enum StatisticsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Fewer observations than the method needs.
    case tooFewSamples(needed: Int, found: Int)
    /// A non-finite observation.
    case nonFinite(index: Int)
    /// A confidence level outside (0, 1).
    case invalidLevel(Double)
    /// Observed and expected arrays of different lengths, negative counts or probabilities.
    case invalidInput(String)
    /// After pooling, too few bins remain for a chi-square test.
    case tooFewBins(found: Int)

    public var description: String {
        switch self {
        case .tooFewSamples(let needed, let found): "expected at least \(needed) samples, found \(found)"
        case .nonFinite(let index): "sample \(index) is not a finite number"
        case .invalidLevel(let level): "confidence level: expected a number in (0, 1), found \(level)"
        case .invalidInput(let reason): reason
        case .tooFewBins(let found):
            "chi-square: expected at least 2 bins with expected count ≥ 5 after pooling, found \(found)"
        }
    }
}
