import Foundation
import Testing
@testable import Simulation

/// The kernel's failure processes against the probability they are meant to realise. Each run
/// covers tens of thousands of failure/repair cycles; tolerances are stated per test.
@Suite struct FailureStatisticsTests {
    static func run(_ model: FailureModel, count: Int, cycles: Double, seed: UInt64 = 5) -> ComponentGroup {
        let simulator = Simulator(seed: seed)
        let group = ComponentGroup(name: "c", count: count, model: model, seed: simulator.seed)
        group.attach(to: simulator)
        let cycle = model.timeToFailure.mean + model.timeToRepair.mean
        simulator.run(for: SimDuration(seconds: cycles * cycle))
        return group
    }

    /// One component, 40 000 cycles: the down fraction's relative standard error is below 1%
    /// (coefficient of variation of one cycle's down time ≈ 1, over √40 000 cycles, times ≈1.4 for
    /// the ratio estimator); 4% is 4 standard errors.
    @Test(arguments: [
        FailureModel(timeToFailure: .exponential(mean: 9 * 3600), timeToRepair: .exponential(mean: 3600)),
        FailureModel(timeToFailure: .weibull(shape: 1.8, mean: 9 * 3600), timeToRepair: .exponential(mean: 3600)),
        FailureModel(timeToFailure: .weibull(shape: 0.7, mean: 4 * 3600), timeToRepair: .lognormal(mean: 1800, cv: 0.5)),
    ])
    func oneComponentIsDownMTTROverMTTFPlusMTTR(model: FailureModel) {
        let group = Self.run(model, count: 1, cycles: 40_000)
        let down = group.componentStates[0].fractions(until: group.componentStates[0].lastChange)[1]
        let expected = model.timeToRepair.mean / (model.timeToFailure.mean + model.timeToRepair.mean)
        #expect(abs(down / expected - 1) < 0.04, "down fraction \(down), expected \(expected)")
    }

    /// Four independent components: the time with k down matches Binomial(4, p); each of the five
    /// fractions within 5% relative for k ≤ 2 (frequent states) and 25% for the rare k = 3, 4.
    @Test func independentComponentsFollowTheBinomial() {
        let model = FailureModel(timeToFailure: .exponential(mean: 4 * 3600), timeToRepair: .exponential(mean: 3600))
        let group = Self.run(model, count: 4, cycles: 20_000)
        let fractions = group.downCount.fractions(until: group.downCount.lastChange)
        let p = model.unavailability
        for k in 0...4 {
            let binomial = Double(choose(4, k)) * pow(p, Double(k)) * pow(1 - p, Double(4 - k))
            #expect(abs(fractions[k] / binomial - 1) < (k <= 2 ? 0.05 : 0.25), "k=\(k): \(fractions[k]) vs \(binomial)")
        }
    }

    /// Three components, one shared crew: the birth–death chain (up rate (n−k)λ, down rate μ),
    /// not the binomial. Same tolerances; the binomial would miss k = 3 by a factor ≈ 4.
    @Test func oneSharedCrewFollowsTheBirthDeathChain() {
        let model = FailureModel(
            timeToFailure: .exponential(mean: 4 * 3600), timeToRepair: .exponential(mean: 3600), repairCrews: 1)
        let group = Self.run(model, count: 3, cycles: 20_000)
        let fractions = group.downCount.fractions(until: group.downCount.lastChange)
        let rho = 0.25  // λ/μ
        let weights = (0...3).map { k in (0..<k).reduce(1.0) { product, j in product * Double(3 - j) * rho } }
        let total = weights.reduce(0, +)
        for k in 0...3 {
            #expect(abs(fractions[k] / (weights[k] / total) - 1) < (k <= 2 ? 0.05 : 0.25), "k=\(k)")
        }
        let p = 0.2
        let binomial3 = pow(p, 3)
        #expect(fractions[3] > 2.5 * binomial3, "shared crew must be visibly worse than independent repair")
    }

    @Test func groupStreamsAreIndependentOfGroupSize() {
        let model = FailureModel(timeToFailure: .exponential(mean: 100), timeToRepair: .exponential(mean: 10))
        let small = Self.run(model, count: 2, cycles: 50)
        let large = Self.run(model, count: 5, cycles: 50)
        // Component 0 draws the same times whether or not other components exist.
        #expect(small.componentStates[0] == large.componentStates[0])
        #expect(small.componentStates[0].transitions > 50)
        #expect(small.componentStates[1] != large.componentStates[2])
    }

    private func choose(_ n: Int, _ k: Int) -> Int { k == 0 ? 1 : choose(n - 1, k - 1) * n / k }
}
