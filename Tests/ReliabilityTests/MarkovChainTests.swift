import Foundation
import Testing
@testable import Reliability

@Suite struct MarkovChainTests {
    @Test func rejectsBadGenerators() throws {
        #expect(throws: MarkovChainError.empty) { try MarkovChain(generator: []) }
        #expect(throws: MarkovChainError.notSquare(row: 1, columns: 1, rows: 2)) {
            try MarkovChain(generator: [[-1, 1], [1]])
        }
        #expect(throws: MarkovChainError.negativeRate(row: 0, column: 1, value: -1)) {
            try MarkovChain(generator: [[1, -1], [1, -1]])
        }
        #expect(throws: MarkovChainError.rowSumNotZero(row: 1, sum: 0.5)) {
            try MarkovChain(generator: [[-1, 1], [1, -0.5]])
        }
        #expect(throws: MarkovChainError.self) { try MarkovChain(generator: [[-1, .nan], [1, -1]]) }
        #expect(throws: MarkovChainError.stateOutOfRange(state: 2, stateCount: 2)) {
            try MarkovChain(stateCount: 2, transitions: [(0, 2, 1.0)])
        }
        // Messages name the entry.
        let message = MarkovChainError.negativeRate(row: 0, column: 1, value: -1).description
        #expect(message.contains("(0, 1)") && message.contains("-1"))
    }

    @Test func reducibleChainHasNoSteadyState() throws {
        let absorbing = try MarkovChain(generator: [[-1, 1], [0, 0]])
        #expect(throws: MarkovChainError.notIrreducible(state: 1)) { try absorbing.steadyState() }
        // Two absorbing states: no unique steady state, and the LU system is singular — a thrown
        // GSL status, not an abort.
        let split = try MarkovChain(generator: [[0, 0, 0], [1, -2, 1], [0, 0, 0]])
        #expect(throws: MarkovChainError.self) { try split.steadyStateLU() }
    }

    /// A seeded family of random irreducible chains with rates spread over 12 decades.
    static func randomChain(seed: UInt64, states n: Int) throws -> MarkovChain {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) / Double(1 << 53)
        }
        var transitions: [(from: Int, to: Int, rate: Double)] = []
        for i in 0..<n {
            transitions.append((i, (i + 1) % n, 1e-6 + next()))  // a cycle keeps it irreducible
            for j in 0..<n where j != i && next() < 0.4 {
                transitions.append((i, j, pow10(-12 * next())))
            }
        }
        return try MarkovChain(stateCount: n, transitions: transitions)
    }

    static func pow10(_ x: Double) -> Double { pow(10, x) }

    @Test(arguments: 1...40) func gthAgreesWithLUAndSolvesPiQ(seed: Int) throws {
        let chain = try Self.randomChain(seed: UInt64(seed), states: 2 + seed % 7)
        let pi = try chain.checkedSteadyState(tolerance: 1e-12)
        expectClose(pi.reduce(0, +), 1, relative: 1e-14)
        // Residual of πQ = 0 relative to the flows through each state.
        for j in 0..<chain.stateCount {
            var inflow = 0.0
            for i in 0..<chain.stateCount where i != j { inflow += pi[i] * chain.rate(from: i, to: j) }
            expectClose(inflow, pi[j] * chain.exitRate(j), relative: 1e-12, "seed \(seed) state \(j)")
        }
    }

    @Test(arguments: 1...20) func uniformizationAgreesWithMatrixExponential(seed: Int) throws {
        let chain = try Self.randomChain(seed: UInt64(seed), states: 3 + seed % 5)
        let initial = chain.pointMass(at: 0)
        for t in [0.01, 0.9, 7.0, 60.0] {
            let a = try chain.transientDistribution(at: t, from: initial)
            let b = try chain.transientDistribution(at: t, from: initial, method: .matrixExponential)
            let ia = try chain.intervalOccupancy(over: t, from: initial)
            let ib = try chain.intervalOccupancy(over: t, from: initial, method: .matrixExponential)
            // The exponential's error is absolute (≈ 1e-16 · ‖Qt‖): compare absolutely, tightly.
            for i in 0..<chain.stateCount {
                #expect(abs(a[i] - b[i]) <= 1e-13, "seed \(seed) t \(t) state \(i): \(a[i]) vs \(b[i])")
                #expect(abs(ia[i] - ib[i]) <= 1e-13, "seed \(seed) t \(t) state \(i): \(ia[i]) vs \(ib[i])")
            }
        }
    }

    @Test func uniformizationReachesSteadyStateForHugeHorizons() throws {
        // qt = 1e9: the Poisson window is far away; the iterates meet the steady state long before.
        let chain = try MarkovChain(generator: [[-1e-6, 1e-6], [1, -1]])
        let pi = try chain.steadyState()
        let d = try chain.transientDistribution(at: 1e9, from: [1, 0])
        expectClose(d[1], pi[1], relative: 1e-12)
        let c = try SingleComponent(failureRate: 1e-6, repairRate: 1)
        let occ = try chain.intervalOccupancy(over: 1e9, from: [1, 0])
        expectClose(occ[1], c.intervalUnavailability(over: 1e9), relative: Bar.unavailability)
        // qt = 1e12: past the Poisson-weight range altogether.
        let far = try chain.intervalOccupancy(over: 1e12, from: [1, 0])
        expectClose(far[1], c.intervalUnavailability(over: 1e12), relative: Bar.unavailability)
        expectClose(try chain.transientDistribution(at: 1e12, from: [1, 0])[1], pi[1], relative: 1e-12)
    }

    @Test func stiffLongHorizonsFallBackToTheSquaredKernel() throws {
        // Switchover 1e6 beside repair 0.1: ~1e8 steps to mix, past the step limit.
        let p = ActiveStandby.Parameters(failureRate: 1e-3, standbyFailureRate: 0, repairRate: 0.1, switchover: .rate(1e6))
        let model = try ActiveStandby(p)
        let u = try model.unavailability()
        expectClose(try model.unavailability(at: 1e5), u, relative: 1e-10)
        expectClose(try model.intervalUnavailability(over: 1e9), u, relative: 1e-5)  // the first ~1e3 time units differ
        // Moderate horizon: the squared kernel against step-by-step uniformization.
        for t in [0.5, 30.0] {
            let initial = model.chain.pointMass(at: model.initialState)
            let direct = try model.chain.transientDistribution(at: t, from: initial)
            let squared = model.chain.squaredUniformization(t, initial)
            for i in 0..<direct.count { expectClose(squared.point[i], direct[i], relative: 1e-9, "t=\(t) state \(i)") }
        }
    }

    @Test func poissonWeightsAreNormalisedAndCentred() throws {
        for mean in [0.0, 0.3, 12, 800, 1e6] {
            let w = PoissonWeights(mean: mean)
            expectClose(w.weights.reduce(0, +), 1, relative: 1e-14)
            let m = zip(w.left...w.right, w.weights).reduce(0) { $0 + Double($1.0) * $1.1 }
            #expect(abs(m - mean) <= 1e-9 * max(mean, 1), "mean \(mean) → \(m)")
        }
        // Against the closed form where it is safe.
        let w = PoissonWeights(mean: 3)
        expectClose(w.weight(5), exp(-3.0) * 243 / 120, relative: 1e-13)
        expectClose(w.survival(1), 1 - exp(-3.0) * 4, relative: 1e-13)
    }

    @Test func meanTimeToFailureAgreesWithFundamentalMatrix() throws {
        for seed in 1...20 {
            let chain = try Self.randomChain(seed: UInt64(seed), states: 4 + seed % 4)
            let up = Set(0..<(chain.stateCount - 1))
            let gth = try chain.meanTimeToFailure(upStates: up, from: chain.pointMass(at: 0))
            let lu = try chain.meanTimeToFailureLU(upStates: up, from: chain.pointMass(at: 0))
            // LU is the less accurate of the two here (condition numbers up to ~1e12).
            expectClose(gth, lu, relative: 1e-4, "seed \(seed)")
        }
        let never = try MarkovChain(generator: [[-1, 1, 0], [1, -1, 0], [1, 0, -1]])
        #expect(try never.meanTimeToFailure(upStates: [0, 1], from: [1, 0, 0]) == .infinity)
    }

    @Test func validatesInitialDistributionAndTime() throws {
        let chain = try MarkovChain(generator: [[-1, 1], [1, -1]])
        #expect(throws: MarkovChainError.self) { try chain.transientDistribution(at: 1, from: [0.5, 0.4]) }
        #expect(throws: MarkovChainError.invalidTime(-1)) { try chain.transientDistribution(at: -1, from: [1, 0]) }
        #expect(throws: MarkovChainError.self) { try chain.meanTimeToFailure(upStates: [0], from: [0, 1]) }
    }
}
