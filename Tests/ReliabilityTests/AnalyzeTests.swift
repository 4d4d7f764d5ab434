import Testing
@testable import Reliability

/// The `nines analyze` argument checks and output text (the executable only prints these).
@Suite struct AnalyzeTests {
    func message(_ body: () throws(ParameterError) -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func downProbabilityFromEachForm() throws {
        #expect(try AnalyzeArguments.downProbability(p: 0.25, lambda: nil, mu: nil, mttf: nil, mttr: nil) == 0.25)
        #expect(try AnalyzeArguments.downProbability(p: nil, lambda: nil, mu: nil, mttf: 999_999, mttr: 1) == 1e-6)
        expectClose(try AnalyzeArguments.downProbability(p: nil, lambda: 1e-6, mu: 1, mttf: nil, mttr: nil), 1e-6 / (1 + 1e-6), relative: 1e-15)
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: 1.5, lambda: nil, mu: nil, mttf: nil, mttr: nil) }
            == "--p: expected a probability in [0, 1], found 1.5")
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: .nan, lambda: nil, mu: nil, mttf: nil, mttr: nil) }
            == "--p: expected a probability in [0, 1], found NaN")
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: 0.1, lambda: 1, mu: nil, mttf: nil, mttr: nil) }?
            .hasPrefix("--p: expected either --p or rates") == true)
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: nil, lambda: -1, mu: 1, mttf: nil, mttr: nil) }
            == "--lambda: expected a finite rate ≥ 0, found -1")
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: nil, lambda: 1, mu: nil, mttf: nil, mttr: nil) }
            == "--mu: expected a rate (or --mttr as a mean time), found neither")
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.downProbability(p: nil, lambda: nil, mu: nil, mttf: nil, mttr: nil) }
            == "--p: expected a probability (or --lambda/--mu, or --mttf/--mttr), found none")
    }

    @Test func countsAndQuorums() throws {
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.componentCount(0) } == "--n: expected an integer in 1...10000000, found 0")
        #expect(try AnalyzeArguments.quorum(nil, count: 4) == 3)
        #expect(try AnalyzeArguments.quorum(nil, count: 5) == 3)
        #expect(try AnalyzeArguments.quorum(5, count: 5) == 5)
        #expect(message { () throws(ParameterError) in try AnalyzeArguments.quorum(6, count: 5) } == "--k: expected an integer in 1...5, found 6")
    }

    @Test func standbyOptions() throws {
        let ok = AnalyzeArguments.StandbyOptions(mttf: 1000, mu: 0.5, lambdaStandby: 0, switchoverTime: 0.01, crews: 2)
        let p = try ok.parameters()
        #expect(p.failureRate == 0.001 && p.repairRate == 0.5 && p.crews == 2 && p.switchover == .deterministic(time: 0.01))
        let horizon = try ok.horizon()
        #expect(p.coverage == 1 && p.failbackRate == nil && horizon == nil)
        func check(_ change: (inout AnalyzeArguments.StandbyOptions) -> Void) -> String? {
            var o = ok
            change(&o)
            return message { () throws(ParameterError) in
                _ = try o.parameters()
                return try o.horizon() as Any
            }
        }
        var instant = ok
        instant.switchoverTime = nil
        instant.switchoverRate = .infinity
        #expect(try instant.parameters().switchover == .instantaneous)
        #expect(check { $0.switchoverTime = nil; $0.switchoverRate = -.infinity }
            == "--switchover-rate: expected a finite rate > 0, found -inf")
        #expect(check { $0.crews = 3 } == "--crews: expected 1 or 2, found 3")
        #expect(check { $0.coverage = -0.1 } == "--coverage: expected a probability in [0, 1], found -0.1")
        #expect(check { $0.lambda = 0.1 } == "--lambda: expected either --lambda or --mttf, not both, found both")
        #expect(check { $0.mu = .nan } == "--mu: expected a finite rate > 0, found NaN")
        #expect(check { $0.lambdaStandby = -1 } == "--lambda-standby: expected a finite rate ≥ 0, found -1")
        #expect(check { $0.switchoverRate = 5 }?.hasPrefix("--switchover-rate: expected either") == true)
        #expect(check { $0.switchoverTime = -1 } == "--switchover-time: expected a finite time ≥ 0, found -1")
        #expect(check { $0.manualRecoveryRate = .infinity } == "--manual-recovery-rate: expected a finite rate ≥ 0, found inf")
        #expect(check { $0.failbackRate = 0 } == "--failback-rate: expected a finite rate > 0, found 0")
        #expect(check { $0.at = -2 } == "--at: expected a finite time ≥ 0, found -2")
        #expect(check { $0.mttf = 0 } == "--mttf: expected a finite time > 0, found 0")
    }

    @Test func reportsAreDeterministicJSON() throws {
        #expect(try AnalyzeReport.binomial(count: 2, downProbability: 0.5).json == #"{"all_up": 0.25, "states": [0.25, 0.5, 0.25]}"#)
        // 3p²(1−p) + p³ = 2.999998e-12 to the last printed digit.
        #expect(try AnalyzeReport.quorum(count: 3, downProbability: 1e-6, quorum: 2).json
            == #"{"availability": 0.999999999997, "unavailability": 2.999998e-12, "n": 3, "k": 2}"#)
        let p = ActiveStandby.Parameters(failureRate: 1e-6, standbyFailureRate: 1e-6, repairRate: 1, crews: 2)
        let report = try AnalyzeReport.standby(p, horizon: 10)
        let keys = ["\"availability\"", "\"unavailability\"", "\"mttf\"", "\"states\": {\"2\"", "\"1\"", "\"0\"",
                    "\"transient_availability\"", "\"interval_availability\""]
        let positions = keys.map { report.json.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(!report.json.contains("nan") && !report.json.contains("inf"))
        #expect(report.json.contains(#""mttf": 500001500000"#))
        #expect(report.table.contains("unavailability  9.99998000003e-13"))
        #expect(try AnalyzeReport.standby(p, horizon: nil).json.contains("transient") == false)
    }

    @Test func numberAndStringText() throws {
        #expect(NumberText.format(0.1) == "0.1")
        #expect(NumberText.format(1.0 / 3) == "0.333333333333333")
        #expect(NumberText.format(1e-300) == "1e-300")
        #expect(NumberText.format(.infinity) == "inf")
        #expect(JSONObjectText.quote("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    }
}
