import Testing
@testable import Reliability

@Suite struct IndependentComponentsTests {
    @Test func allUpAndBinomialStatesMatchClosedForms() throws {
        for p in [0.3, 1e-3, 1e-6, 1e-9] {
            let m = try IndependentComponents(count: 5, downProbability: p)
            // (1−p)^5 expanded by the binomial theorem: 1 − 5p + 10p² − … is cancellation-prone,
            // so the reference is the product itself, which is exact to a few roundings.
            expectClose(m.allUpProbability, (1 - p) * (1 - p) * (1 - p) * (1 - p) * (1 - p), relative: 1e-14)
            expectClose(m.anyDownProbability, p * (5 - 10 * p + 10 * p * p - 5 * p * p * p + p * p * p * p), relative: 1e-12)
            let pi = m.stateProbabilities
            let q = 1 - p
            let exact = [q * q * q * q * q, 5 * p * q * q * q * q, 10 * p * p * q * q * q, 10 * p * p * p * q * q,
                         5 * p * p * p * p * q, p * p * p * p * p]
            for k in 0...5 { expectClose(pi[k], exact[k], relative: 1e-12, "k=\(k) p=\(p)") }
        }
    }

    @Test func majorityOfThreeKeepsDigitsAtTinyP() throws {
        // 2-of-3 down ⇔ at least 2 down: U = 3p²(1−p) + p³ = 3p² − 2p³. With p = 1e-6, U ≈ 3e-12,
        // which 1 − A could not resolve.
        for p in [1e-3, 1e-6, 1e-8] {
            let m = try IndependentComponents(count: 3, downProbability: p)
            #expect(m.majority == 2)
            expectClose(m.unavailability(atLeast: 2), p * p * (3 - 2 * p), relative: Bar.unavailability)
            expectClose(m.availability(atLeast: 2), 1 - p * p * (3 - 2 * p), relative: 1e-15)
        }
    }

    @Test func kOfNEdgesAndMajoritySizes() throws {
        let m = try IndependentComponents(count: 4, downProbability: 0.2)
        #expect(m.unavailability(atLeast: 0) == 0)
        expectClose(m.availability(atLeast: 4), 0.8 * 0.8 * 0.8 * 0.8, relative: 1e-14)
        expectClose(m.unavailability(atLeast: 1), 0.2 * 0.2 * 0.2 * 0.2, relative: 1e-14)
        #expect(try IndependentComponents(count: 5, downProbability: 0.1).majority == 3)
        #expect(try IndependentComponents(count: 4, downProbability: 0.1).majority == 3)
        let certain = try IndependentComponents(count: 3, downProbability: 1)
        #expect(certain.allUpProbability == 0 && certain.stateProbabilities == [0, 0, 0, 1])
    }

    @Test func blockDiagramsNest() throws {
        let u = 1e-6
        let leaf = ReliabilityBlock.component(unavailability: u)
        expectClose(ReliabilityBlock.parallel([leaf, leaf]).unavailability, 1e-12, relative: 1e-15)
        // Series of two: 1 − (1−u)² = u(2 − u).
        expectClose(ReliabilityBlock.series([leaf, leaf]).unavailability, u * (2 - u), relative: 1e-14)
        // Two parallel pairs in series: 1 − (1 − u²)² = u²(2 − u²).
        let pair = ReliabilityBlock.parallel([leaf, leaf])
        let nested = ReliabilityBlock.series([pair, pair])
        expectClose(nested.unavailability, u * u * (2 - u * u), relative: 1e-14)
        expectClose(nested.availability, (1 - u * u) * (1 - u * u), relative: 1e-15)
        let fromRates = try ReliabilityBlock.component(failureRate: 1e-4, repairRate: 0.1)
        expectClose(fromRates.unavailability, 1e-4 / 0.1001, relative: 1e-15)
    }

    @Test func sharedRepairEqualsBinomialWhenEveryComponentHasACrew() throws {
        for (l, mu) in [(1e-6, 1.0), (0.01, 0.5), (2.0, 1.0)] {
            for n in [1, 3, 7] {
                let shared = try SharedRepair(count: n, crews: n, failureRate: l, repairRate: mu).stateProbabilities
                let binomial = try IndependentComponents(count: n, downProbability: l / (l + mu)).stateProbabilities
                for k in 0...n { expectClose(shared[k], binomial[k], relative: 1e-12, "n=\(n) k=\(k) λ=\(l)") }
            }
        }
    }

    @Test func sharedRepairProductFormAgreesWithGTH() throws {
        // The same birth–death chain as a generator, solved by GTH: an independent route.
        for (n, r, l, mu) in [(3, 1, 1e-6, 1.0), (5, 2, 1e-3, 0.1), (7, 3, 0.3, 1.0), (4, 4, 1e-5, 2.0)] {
            var transitions: [(from: Int, to: Int, rate: Double)] = []
            for k in 0..<n {
                let failure: Double = Double(n - k) * l
                let repair: Double = Double(min(k + 1, r)) * mu
                transitions.append((from: k, to: k + 1, rate: failure))
                transitions.append((from: k + 1, to: k, rate: repair))
            }
            let pi = try MarkovChain(stateCount: n + 1, transitions: transitions).steadyState()
            let product = try SharedRepair(count: n, crews: r, failureRate: l, repairRate: mu).stateProbabilities
            for k in 0...n { expectClose(product[k], pi[k], relative: 1e-12, "n=\(n) r=\(r) k=\(k)") }
        }
    }

    @Test func oneSharedCrewIsWorseThanBinomial() throws {
        // n = 2, r = 1: π1/π0 = 2ρ, π2/π1 = ρ (one crew), so π2 = ρ²·2/(1 + 2ρ + 2ρ²).
        let rho = 1e-6
        let m = try SharedRepair(count: 2, crews: 1, failureRate: rho, repairRate: 1)
        expectClose(m.unavailability(atLeast: 1), 2 * rho * rho / (1 + 2 * rho + 2 * rho * rho), relative: Bar.unavailability)
        let binomial = try IndependentComponents(count: 2, downProbability: rho / (1 + rho)).unavailability(atLeast: 1)
        #expect(m.unavailability(atLeast: 1) > 1.9 * binomial)  // ≈ 2× the binomial value
        let sum = m.stateProbabilities.reduce(0, +)
        expectClose(sum, 1, relative: 1e-15)
    }

    @Test func constructorsRejectBadParametersWithMessages() {
        #expect(throws: ParameterError(name: "p (down probability)", expected: "a probability in [0, 1]", found: "1.5")) {
            try IndependentComponents(count: 3, downProbability: 1.5)
        }
        #expect(throws: ParameterError.self) { try IndependentComponents(count: 0, downProbability: 0.1) }
        #expect(throws: ParameterError(name: "μ (repair rate)", expected: "a finite rate > 0", found: "0")) {
            try SingleComponent(failureRate: 1, repairRate: 0)
        }
        #expect(throws: ParameterError.self) { try SingleComponent(mttf: .nan, mttr: 1) }
        #expect(throws: ParameterError.self) { try SharedRepair(count: 3, crews: 0, failureRate: 1, repairRate: 1) }
        #expect(throws: ParameterError.self) { try ReliabilityBlock.component(failureRate: -1, repairRate: 1) }
    }
}
