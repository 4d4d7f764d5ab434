import Foundation
import Testing
@testable import Reliability

@Suite struct SingleComponentTests {
    static let rates: [(Double, Double)] = [(1e-6, 1), (1e-3, 0.1), (0.5, 2)]

    @Test(arguments: rates) func steadyStateAndTransientAgainstTheChain(l: Double, mu: Double) throws {
        let c = try SingleComponent(failureRate: l, repairRate: mu)
        expectClose(c.unavailability, l / (l + mu), relative: 1e-15)
        let chain = try MarkovChain(generator: [[-l, l], [mu, -mu]])
        let pi = try chain.steadyState()
        expectClose(pi[1], c.unavailability, relative: 1e-14)
        for t in [0.0, 1e-3, 0.5, 3, 50, 1e4] {
            let s = (l + mu) * t
            // Reference: U(t) = p(1 − e^{−s}) in long double-free form via expm1.
            let u = l / (l + mu) * -expm1(-s)
            expectClose(c.unavailability(at: t), u, relative: 1e-15)
            for method in [MarkovChain.TransientMethod.uniformization, .matrixExponential] {
                let d = try chain.transientDistribution(at: t, from: [1, 0], method: method)
                expectClose(d[0], c.availability(at: t), relative: Bar.transientAvailability, "t=\(t) \(method)")
                if method == .uniformization && t > 0 {
                    expectClose(d[1], u, relative: Bar.unavailability, "U(t) t=\(t)")
                }
            }
        }
    }

    @Test(arguments: rates) func intervalAvailabilityAgainstTheChain(l: Double, mu: Double) throws {
        let c = try SingleComponent(failureRate: l, repairRate: mu)
        let chain = try MarkovChain(generator: [[-l, l], [mu, -mu]])
        for t in [1e-3, 0.7, 20, 5e3] {
            let x = (l + mu) * t
            let reference = l / (l + mu) * (x + expm1(-x)) / x
            if x > 0.5 { expectClose(c.intervalUnavailability(over: t), reference, relative: 1e-13) }
            let occ = try chain.intervalOccupancy(over: t, from: [1, 0])
            expectClose(occ[1], c.intervalUnavailability(over: t), relative: Bar.unavailability, "t=\(t)")
            expectClose(occ[0], c.intervalAvailability(over: t), relative: Bar.transientAvailability)
            let expm = try chain.intervalOccupancy(over: t, from: [1, 0], method: .matrixExponential)
            expectClose(expm[0], c.intervalAvailability(over: t), relative: Bar.transientAvailability)
        }
    }

    @Test func smallArgumentSeriesMatchesDirectFormula() throws {
        // Where both are accurate (x around 0.5–1) the series and the direct form agree.
        for x in [0.3, 0.45, 0.5] {
            let direct = (x + expm1(-x)) / x
            expectClose(SingleComponent.oneMinusMeanDecay(x), direct, relative: 1e-14)
        }
        // x = 1e-8: (x − 1 + e^{−x})/x = x/2 − x²/6 + …
        expectClose(SingleComponent.oneMinusMeanDecay(1e-8), 0.5e-8 - 1e-16 / 6, relative: 1e-15)
    }
}
