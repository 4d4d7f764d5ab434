import Reliability

/// Checks a result against the scenario's expectations.
struct ExpectationChecker {
    let expectations: Expectations
    init(_ expectations: Expectations) { self.expectations = expectations }

    func check(_ result: ScenarioResult) -> ScenarioResult {
        var checks: [ExpectationCheck] = []
        let e = expectations
        if e.allAgree {
            let acceptable: Set<Verdict> = e.allowInconclusive ? [.agrees, .inconclusive] : [.agrees]
            let bad = result.rows.filter { row in row.verdict.map { !acceptable.contains($0) } ?? false }
            checks.append(ExpectationCheck(
                name: "empirical agrees with analytic", passed: bad.isEmpty,
                detail: bad.isEmpty ? "all \(result.rows.count) metrics" : bad.map { "\($0.metric): \($0.verdictText)" + ($0.reason.map { " (\($0))" } ?? "") }.joined(separator: ", ")))
            if let chi = result.chiSquare {
                checks.append(ExpectationCheck(
                    name: "state distribution fits the model", passed: acceptable.contains(chi.verdict),
                    detail: "chi-square p = \(NumberFormat.significant(chi.pValue, digits: 4)) vs α = \(NumberFormat.significant(chi.alpha, digits: 3)) (the family's α over \(result.policy.comparisons) comparisons)"))
            }
        }
        let availability = result.rows.first { $0.metric == "service_availability" }?.empirical
        let unavailability = result.rows.first { $0.metric == "service_unavailability" }?.empirical
        if let bound = e.availabilityAtLeast, let a = availability {
            checks.append(ExpectationCheck(name: "availability ≥ \(bound)", passed: a >= bound, detail: "measured \(NumberFormat.significant(a, digits: 8))"))
        }
        if let bound = e.availabilityAtMost, let a = availability {
            checks.append(ExpectationCheck(name: "availability ≤ \(bound)", passed: a <= bound, detail: "measured \(NumberFormat.significant(a, digits: 8))"))
        }
        if let bound = e.unavailabilityAtMost, let u = unavailability {
            checks.append(ExpectationCheck(name: "unavailability ≤ \(bound)", passed: u <= bound, detail: "measured \(NumberFormat.significant(u, digits: 8))"))
        }
        for bound in e.metricBounds {
            guard let value = result.rows.first(where: { $0.metric == bound.metric })?.empirical else { continue }
            let measured = "measured \(NumberFormat.significant(value, digits: 8))"
            if let low = bound.atLeast {
                checks.append(ExpectationCheck(name: "\(bound.metric) ≥ \(NumberFormat.significant(low, digits: 8))", passed: value >= low, detail: measured))
            }
            if let high = bound.atMost {
                checks.append(ExpectationCheck(name: "\(bound.metric) ≤ \(NumberFormat.significant(high, digits: 8))", passed: value <= high, detail: measured))
            }
        }
        if !result.scenario.system.hostNames.isEmpty {  // kinds that run protocols have invariant checkers
            let violations = result.outcomes.flatMap { o in o.violations.map { "replication \(o.index): \($0)" } }
            if e.violationExpected {
                checks.append(ExpectationCheck(
                    name: "an invariant violation is caught (unsafe on purpose)", passed: !violations.isEmpty,
                    detail: violations.first ?? "no violation in \(result.outcomes.count) replications"))
            } else {
                checks.append(ExpectationCheck(
                    name: "safety invariants hold", passed: violations.isEmpty,
                    detail: violations.isEmpty ? "checked on every event" : "\(violations.count) violations; first: \(violations[0])"))
            }
        }
        var result = result
        result.checks = checks
        return result
    }
}
