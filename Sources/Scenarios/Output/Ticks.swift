import Foundation

/// Axis ticks at round values.
enum Ticks {
    /// About `count` ticks at multiples of 1, 2 or 5 × 10^k, covering low…high.
    static func linear(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (low / step).rounded(.down) * step
        return (0...Int(((high - first) / step).rounded(.up))).map { first + Double($0) * step }
    }
}
