import Foundation
import Reliability
import Testing
@testable import Scenarios

/// The proof that the intervals cover and the verdicts are honest, on the components kind
/// (protocol-free, so hundreds of seeds run in seconds). Reproduce the figures with
/// `swift test --filter VerdictCoverageTests` (they are printed).
@Suite struct VerdictCoverageTests {
    /// 3 components, 2-of-3, exponential TTF 5 d and TTR 1 d: p = 1/6, U = 3p²(1−p) + p³ =
    /// 0.074, P(3 down) = p³ = 0.0046 (the rare state, ~30 visits per run). 2 replications of
    /// 300 d each: ~80 outages a run.
    static func scenario(seed: UInt64, crews: Int? = nil, replications: Int = 2, duration: String = "300d") throws -> Scenario {
        let crewText = crews.map { ", \"repair_crews\": \($0)" } ?? ""
        return try ScenarioLoader.parse("""
            {"name": "coverage", "kind": "components", "seed": \(seed), "duration": "\(duration)", "warm_up": "10d",
             "replications": \(replications),
             "components": {"count": 3, "service_quorum": 2,
               "failure": {"ttf": {"exponential": {"mean": "5d"}}, "ttr": {"exponential": {"mean": "1d"}}\(crewText)}}}
            """, file: "coverage.json")
    }

    /// Nominal 95% intervals (the headline's level, not adjusted) must cover the exact values in at
    /// least 95% − 2 binomial standard errors of 400 seeds (0.95 − 2·0.0109 = 0.928): availability,
    /// unavailability (the same interval mirrored) and the occupancy of the rare state 3 down.
    /// And the false-"disagrees" rate of the whole family (every row and the chi-square) must stay
    /// at most the family's 5% + 2 standard errors.
    @Test func intervalsCoverAndFalseDisagreementsStayWithinTheFamilyLevel() throws {
        let seeds = 400
        let p = 1.0 / 6, u = 3 * p * p * (1 - p) + p * p * p, rare = p * p * p
        var coveredU = 0, coveredA = 0, coveredRare = 0, falseDisagree = 0
        for seed in 1...seeds {
            let scenario = try Self.scenario(seed: UInt64(seed))
            let outcomes = ReplicationRunner(scenario: scenario, jobs: 1).run(0..<2, total: 2)
            let analysis = ScenarioAnalysis(scenario: scenario, outcomes: outcomes)
            let ui = analysis.measured(metric: 3, level: 0.95), ai = analysis.measured(metric: 2, level: 0.95)
            if ui.contains(u) { coveredU += 1 }
            if ai.contains(1 - u) { coveredA += 1 }
            if analysis.occupancyInterval(down: 3, level: 0.95).contains(rare) { coveredRare += 1 }
            let result = analysis.result()
            if result.rows.contains(where: { $0.verdict == .disagrees }) || result.chiSquare?.verdict == .disagrees {
                falseDisagree += 1
            }
        }
        let floor = 0.95 - 2 * (0.95 * 0.05 / Double(seeds)).squareRoot()
        let ceiling = 0.05 + 2 * (0.95 * 0.05 / Double(seeds)).squareRoot()
        let f = { (n: Int) in Double(n) / Double(seeds) }
        print("coverage over \(seeds) seeds: U \(f(coveredU)), A \(f(coveredA)), P(3 down) \(f(coveredRare)); false disagrees \(f(falseDisagree))")
        #expect(f(coveredU) >= floor && f(coveredA) >= floor, "U \(f(coveredU)), A \(f(coveredA)) < \(floor)")
        #expect(f(coveredRare) >= floor, "rare state \(f(coveredRare)) < \(floor)")
        #expect(f(falseDisagree) <= ceiling, "false disagrees \(f(falseDisagree)) > \(ceiling)")
    }

    /// One shared crew: the birth–death chain is the truth, the binomial model is wrong (U 0.103
    /// against 0.074). Wherever the birth–death chain gets "agrees", the binomial must get
    /// "disagrees" or "inconclusive", never "agrees"; over 100 seeds of 2 × 1000 d the binomial
    /// must be told apart ("disagrees") in most of them.
    @Test func aWrongModelNeverAgreesWhereTheRightOneDoes() throws {
        let seeds = 100
        let p = 1.0 / 6, binomialU = 3 * p * p * (1 - p) + p * p * p
        var rightAgrees = 0, wrongAgrees = 0, wrongDisagrees = 0
        for seed in 1...seeds {
            let scenario = try Self.scenario(seed: UInt64(seed), crews: 1, duration: "1000d")
            let outcomes = ReplicationRunner(scenario: scenario, jobs: 1).run(0..<2, total: 2)
            let analysis = ScenarioAnalysis(scenario: scenario, outcomes: outcomes)
            let result = analysis.result()
            let right = try #require(result.rows.first { $0.metric == "service_unavailability" })
            let interval = analysis.measured(metric: 3, level: analysis.policy.perComparisonLevel)
            let wrong = analysis.policy.judge(analytic: binomialU, interval: interval, isFraction: true).verdict
            let wrongOnA = analysis.policy.judge(
                analytic: 1 - binomialU, interval: analysis.measured(metric: 2, level: analysis.policy.perComparisonLevel),
                isFraction: true).verdict
            #expect(wrong == wrongOnA, "seed \(seed): availability and unavailability judged differently")
            if right.verdict == .agrees {
                rightAgrees += 1
                #expect(wrong != .agrees, "seed \(seed): the binomial model agrees where the birth–death chain does")
            }
            if wrong == .agrees { wrongAgrees += 1 }
            if wrong == .disagrees { wrongDisagrees += 1 }
        }
        print("power over \(seeds) seeds: birth–death agrees \(rightAgrees), binomial agrees \(wrongAgrees), binomial disagrees \(wrongDisagrees)")
        #expect(wrongAgrees == 0)
        #expect(rightAgrees >= 80 && wrongDisagrees >= 80, "right agrees \(rightAgrees), wrong disagrees \(wrongDisagrees)")
    }
}
