import Foundation

/// Keeps every observed value (durations of elections, failovers, outages) for exact quantiles.
///
/// Samples are kept in arrival order, so merging histograms of replications in index order is
/// deterministic. Counts per run are small (thousands), so keeping them all is cheap.
public struct Histogram: Sendable, Equatable {
    /// Every value, in the order observed.
    public private(set) var samples: [Double] = []

    public init(samples: [Double] = []) { self.samples = samples }

    public mutating func record(_ value: Double) { samples.append(value) }
    public mutating func merge(_ other: Histogram) { samples.append(contentsOf: other.samples) }

    public var count: Int { samples.count }
    public var mean: Double? { samples.isEmpty ? nil : samples.reduce(0, +) / Double(samples.count) }

    /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics.
    public func quantile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// Counts per bucket of `edges` (bucket i is [edges[i], edges[i+1])); values outside are dropped.
    public func counts(edges: [Double]) -> [Int] {
        var counts = Array(repeating: 0, count: max(edges.count - 1, 0))
        for value in samples {
            var low = 0, high = edges.count - 1
            guard high > 0, value >= edges[0], value < edges[high] else { continue }
            while high - low > 1 {
                let mid = (low + high) / 2
                if value < edges[mid] { high = mid } else { low = mid }
            }
            counts[low] += 1
        }
        return counts
    }
}
