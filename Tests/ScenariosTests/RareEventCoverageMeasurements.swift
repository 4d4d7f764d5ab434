import Foundation
import Reliability
import Simulation
import Testing
@testable import Scenarios

/// Coverage over many seeds of the stratified estimator with the protocol kinds' fault process on
/// bare series-of-k-of-n structures (``RareEventStrataTests``), where U is exact. Too slow for
/// every CI run in a debug build, so a measurement: it runs only with `NINES_MEASURE` set, prints
/// its numbers (benchmarks/rare-event/README.md records them) and checks them like a test.
///
///     NINES_MEASURE=1 swift test --filter RareEventCoverageMeasurements
@Suite struct RareEventCoverageMeasurements {
    static var measuring: Bool { ProcessInfo.processInfo.environment["NINES_MEASURE"] != nil }

    struct Outcome {
        var covered: Int, seeds: Int, exact: Double, pooled: ConfidenceInterval, meanRelativeHalfWidth: Double
    }

    static func coverage(_ parts: [RareEventStrataTests.Part], seeds: Int, cycles: Int, wholeCycle: Bool) throws -> Outcome {
        let exact = RareEventStrataTests.exact(parts)
        let results = ParallelMap.map(Array(1...seeds), jobs: 2) { seed in
            try? RareEventStrataTests.estimate(parts, seed: UInt64(seed), cycles: cycles, pilot: 4, batch: 24, wholeCycle: wholeCycle)
        }
        let estimates = results.compactMap { $0 }
        return Outcome(
            covered: estimates.filter { $0.unavailability.contains(exact) }.count, seeds: seeds, exact: exact,
            pooled: try ConfidenceInterval.studentT(estimates.map(\.unavailability.estimate), level: 0.99),
            meanRelativeHalfWidth: estimates.map(\.relativeHalfWidth).reduce(0, +) / Double(estimates.count))
    }

    static func report(_ name: String, _ o: Outcome) {
        print("coverage \(name): \(o.covered)/\(o.seeds) cover exact \(o.exact); pooled \(o.pooled.estimate) ± \(o.pooled.halfWidth) "
            + "(99%), pooled/exact \(o.pooled.estimate / o.exact); mean relative half-width \(o.meanRelativeHalfWidth)")
    }

    /// The redundant structure (ZooKeeper 2-of-3 and two schedulers, U ≈ 1.7e-5: every outage
    /// needs two failures), 400 cycles per seed, down time weighted by L_t and, for comparison,
    /// by the cycle's final weight.
    @Test(.enabled(if: measuring), arguments: [false, true])
    func redundantStructure(wholeCycle: Bool) throws {
        let o = try Self.coverage(RareEventStrataTests.redundant, seeds: 100, cycles: 400, wholeCycle: wholeCycle)
        Self.report("redundant, 400 cycles, \(wholeCycle ? "whole-cycle weight" : "L_t")", o)
        if !wholeCycle {
            #expect(o.covered >= 88)
            #expect(o.pooled.contains(o.exact))
        }
    }
}

extension RareEventCoverageMeasurements {
    /// Coverage of the components kind's k-of-n cases (``RareEventComponentsTests/cases``: U from
    /// 1e-5 to 1e-10, independent and shared crews) over 100 seeds, at `cycles` per seed; prints
    /// how many intervals cover the exact value, how many miss it low and high, and the pooled
    /// estimate over the exact value.
    @Test(.enabled(if: measuring), arguments: [1_000, 10_000])
    func componentsCases(cycles: Int) throws {
        for c in RareEventComponentsTests.cases {
            let exact = c.exact
            let estimates = ParallelMap.map(Array(1...100), jobs: 2) { seed in
                try? RareEventComponentsTests.estimate(c.spec, seed: UInt64(seed), cycles: cycles)
            }.compactMap { $0 }
            let low = estimates.filter { $0.unavailability.upper < exact }.count
            let high = estimates.filter { $0.unavailability.lower > exact }.count
            let pooled = try ConfidenceInterval.studentT(estimates.map { $0.unavailability.estimate / exact }, level: 0.99)
            let width = estimates.map(\.relativeHalfWidth).reduce(0, +) / Double(estimates.count)
            print("coverage components \(c.testDescription), exact \(exact), \(cycles) cycles: "
                + "\(estimates.count - low - high)/\(estimates.count) cover, \(low) low, \(high) high; "
                + "pooled/exact \(pooled.estimate) ± \(pooled.halfWidth) (99%); mean relative half-width \(width)")
        }
    }
}
