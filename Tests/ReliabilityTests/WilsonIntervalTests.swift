import Testing
@testable import Reliability

@Suite struct WilsonIntervalTests {
    /// 8 of 10 at 95%: the textbook Wilson interval 0.4902 … 0.9433 (Agresti & Coull 1998).
    @Test func eightOfTenMatchesTheTextbook() throws {
        let ci = try ConfidenceInterval.wilson(successes: 8, trials: 10, level: 0.95)
        #expect(abs(ci.lower - 0.490_16) < 1e-5 && abs(ci.upper - 0.943_32) < 1e-5, "\(ci.lower) \(ci.upper)")
        #expect(ci.evidence == 10 && ci.level == 0.95 && ci.estimate == 0.8)
    }

    /// All or none: the interval touches 1 or 0 and stays inside [0, 1], unlike the Wald interval.
    @Test func extremesStayInsideTheUnitInterval() throws {
        let all = try ConfidenceInterval.wilson(successes: 20, trials: 20, level: 0.99)
        #expect(all.upper == 1 && all.lower > 0.7 && all.lower < 1)
        let none = try ConfidenceInterval.wilson(successes: 0, trials: 20, level: 0.99)
        #expect(none.lower == 0 && none.upper < 0.3)
    }

    /// Regression: the upper end of n of n was 0.9999999999999999 for 59 trial counts n ≤ 200
    /// (and the lower end of 0 of n above 0), so "every loss was covered" disagreed with an
    /// assumed coverage of 1. Now both ends are exact, at every level used.
    @Test func allOrNoneIsExactForEveryTrialCountUpTo200() throws {
        for n in 1...200 {
            for level in [0.95, 0.99, 0.995, 0.999] {
                let all = try ConfidenceInterval.wilson(successes: n, trials: n, level: level)
                let none = try ConfidenceInterval.wilson(successes: 0, trials: n, level: level)
                #expect(all.upper == 1 && all.contains(1) && none.lower == 0, "n = \(n), level \(level)")
                #expect(abs((1 - all.lower) - none.upper) < 1e-15)
            }
        }
    }

    @Test func badInputIsAnError() {
        #expect(throws: StatisticsError.tooFewSamples(needed: 1, found: 0)) {
            try ConfidenceInterval.wilson(successes: 0, trials: 0)
        }
        #expect(throws: StatisticsError.self) { try ConfidenceInterval.wilson(successes: 3, trials: 2) }
        #expect(throws: StatisticsError.invalidLevel(1)) { try ConfidenceInterval.wilson(successes: 1, trials: 2, level: 1) }
    }
}
