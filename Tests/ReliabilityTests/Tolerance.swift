import Foundation
import Testing

/// `|actual − expected| / |expected|` (absolute when expected is 0).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

/// Expects `actual` within `tolerance` relative of `expected`, naming both in the failure.
func expectClose(
    _ actual: Double, _ expected: Double, relative tolerance: Double, _ note: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = relativeError(actual, expected)
    #expect(
        error <= tolerance,
        "\(note) actual \(actual) expected \(expected) relative error \(error) > \(tolerance)",
        sourceLocation: sourceLocation)
}

/// The bars of the issue: unavailability and MTTF to 1e-9 relative, transient availability to
/// 1e-11. Our computations are subtraction-free, so the observed errors are ~1e-15; the bars leave
/// room for the few roundings per operation on ~100-step paths.
enum Bar {
    static let unavailability = 1e-9
    static let mttf = 1e-9
    static let transientAvailability = 1e-11
}
