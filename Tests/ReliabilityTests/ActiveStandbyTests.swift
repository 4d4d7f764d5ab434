import Foundation
import Testing
@testable import Reliability

/// docs/models.md's closed form, rewritten without subtraction so it is an exact independent reference:
/// `x₁ = (λ+λs)/μ − a − b = λs/μ + cλ(δ+λs)/(μ(δ+λs+μ)) + (1−c)λ(λs+β)/(μ(μ+λs+β))`.
func closedFormUnavailability(_ p: ActiveStandby.Parameters) -> Double {
    let (l, ls, mu, c, b, r) = (p.failureRate, p.standbyFailureRate, p.repairRate, p.coverage, p.manualRecoveryRate, Double(p.crews))
    let delta = p.switchover.equivalentRate(standbyFailureRate: ls, repairRate: mu)
    let a: Double
    let switchTerm: Double  // cλ(δ+λs)/(μ(δ+λs+μ)), → cλ/μ as δ → ∞
    if case .deterministic(let tau) = p.switchover, tau > 0 {
        // docs/models.md: a = cλ(1 − e^{−(λs+μ)τ})/(λs+μ) and then cλ/μ − a = cλ(λs + μe^{−(λs+μ)τ})/(μ(λs+μ)).
        let k = ls + mu
        a = c * l * -expm1(-k * tau) / k
        switchTerm = c * l * (ls + mu * exp(-k * tau)) / (mu * k)
    } else if let d = delta {
        a = c * l / (d + ls + mu)
        switchTerm = c * l * (d + ls) / (mu * (d + ls + mu))
    } else {
        a = 0
        switchTerm = c * l / mu
    }
    let bb = (1 - c) * l / (mu + ls + b)
    let x1 = ls / mu + switchTerm + (1 - c) * l * (ls + b) / (mu * (mu + ls + b))
    let x0 = (l * x1 + ls * (a + bb)) / (r * mu)
    return (a + bb + x0) / (1 + a + bb + x1 + x0)
}

@Suite struct ActiveStandbyTests {
    /// Every combination of the builder's options, at a stiff and a moderate operating point.
    static var variants: [ActiveStandby.Parameters] {
        var all: [ActiveStandby.Parameters] = []
        for (l, mu) in [(1e-6, 1.0), (1e-3, 0.1), (0.2, 1.0)] {
            for ls in [l, l / 4, 0] {
                for c in [1.0, 0.97] {
                    for sw in [ActiveStandby.Switchover.instantaneous, .rate(60), .rate(0.5), .deterministic(time: 0.05)] {
                        for r in [1, 2] {
                            for b in c < 1 ? [0.0, 2.0] : [0.0] {
                                all.append(.init(failureRate: l, standbyFailureRate: ls, repairRate: mu, coverage: c,
                                                 switchover: sw, crews: r, manualRecoveryRate: b))
                            }
                        }
                    }
                }
            }
        }
        return all
    }

    @Test func steadyStateMatchesClosedFormForEveryVariant() throws {
        var worst = 0.0
        for p in Self.variants {
            let model = try ActiveStandby(p)
            let u = try model.unavailability()
            let err = relativeError(u, closedFormUnavailability(p))
            worst = max(worst, err)
            #expect(err <= Bar.unavailability, "\(p): U = \(u) vs \(closedFormUnavailability(p))")
            expectClose(try model.availability(), 1 - closedFormUnavailability(p), relative: 1e-15)
            // The LU cross-check agrees (absolutely) and πQ = 0 holds state by state.
            _ = try model.chain.checkedSteadyState(tolerance: 1e-12)
        }
        print("active/standby closed form: worst relative error on U = \(worst)")
    }

    @Test func stateSpaceShrinksWithPerfectSwitch() throws {
        let full = try ActiveStandby(.init(failureRate: 1, standbyFailureRate: 0, repairRate: 1, coverage: 0.9, switchover: .rate(5)))
        #expect(full.stateNames == ["2", "S", "1", "U", "0"])
        #expect(full.upStates == [0, 2] && full.downStates == [1, 3, 4])
        let perfect = try ActiveStandby(.init(failureRate: 1, standbyFailureRate: 0, repairRate: 1))
        #expect(perfect.stateNames == ["2", "1", "0"])
        let fb = try ActiveStandby(.init(failureRate: 1, standbyFailureRate: 0, repairRate: 1, failbackRate: 10))
        #expect(fb.stateNames == ["2", "1P", "1B", "FB", "FB1", "0P", "0B"])
    }

    @Test(arguments: [1e-6, 1e-5, 1e-3, 0.1, 1.0]) func textbookSpecialCases(rho: Double) throws {
        // Hot, two crews, perfect switch: A = (1+2ρ)/(1+ρ)², U = ρ²/(1+ρ)².
        let hot = try ActiveStandby(.init(failureRate: rho, standbyFailureRate: rho, repairRate: 1, crews: 2))
        expectClose(try hot.unavailability(), rho * rho / ((1 + rho) * (1 + rho)), relative: Bar.unavailability)
        expectClose(try hot.availability(), (1 + 2 * rho) / ((1 + rho) * (1 + rho)), relative: 1e-15)
        // Cold, one crew: A = (1+ρ)/(1+ρ+ρ²), U = ρ²/(1+ρ+ρ²).
        let cold = try ActiveStandby(.init(failureRate: rho, standbyFailureRate: 0, repairRate: 1, crews: 1))
        expectClose(try cold.unavailability(), rho * rho / (1 + rho + rho * rho), relative: Bar.unavailability)
        expectClose(try cold.availability(), (1 + rho) / (1 + rho + rho * rho), relative: 1e-15)
    }

    @Test(arguments: [(1e-6, 1.0), (1e-4, 1.0), (0.01, 0.5), (1.0, 1.0)]) func meanTimeToFailureClosedForms(l: Double, mu: Double) throws {
        let hot = try ActiveStandby(.init(failureRate: l, standbyFailureRate: l, repairRate: mu))
        expectClose(try hot.meanTimeToFailure(), (3 * l + mu) / (2 * l * l), relative: Bar.mttf)
        let cold = try ActiveStandby(.init(failureRate: l, standbyFailureRate: 0, repairRate: mu, crews: 2))
        expectClose(try cold.meanTimeToFailure(), (2 * l + mu) / (l * l), relative: Bar.mttf)
        // Imperfect coverage, instantaneous switch: (λ+μ+cλ+λs) / (λ(λ+λs+(1−c)μ)).
        let (ls, c) = (l / 3, 0.99)
        let leaky = try ActiveStandby(.init(failureRate: l, standbyFailureRate: ls, repairRate: mu, coverage: c))
        expectClose(try leaky.meanTimeToFailure(), (l + mu + c * l + ls) / (l * (l + ls + (1 - c) * mu)), relative: Bar.mttf)
        // Any finite switchover: every failure of the active unit is an outage.
        for sw in [ActiveStandby.Switchover.rate(60), .deterministic(time: 0.01)] {
            for p in [ActiveStandby.Parameters(failureRate: l, standbyFailureRate: l, repairRate: mu, switchover: sw),
                      .init(failureRate: l, standbyFailureRate: 0, repairRate: mu, coverage: 0.9, switchover: sw, crews: 2),
                      .init(failureRate: l, standbyFailureRate: l / 2, repairRate: mu, switchover: sw, failbackRate: 5)] {
                let model = try ActiveStandby(p)
                // With failback, 1B → FB is an outage too, so MTTF can only be shorter; 1/λ bounds it.
                if p.failbackRate == nil {
                    expectClose(try model.meanTimeToFailure(), 1 / l, relative: Bar.mttf)
                } else {
                    #expect(try model.meanTimeToFailure() <= 1 / l * (1 + 1e-12))
                }
            }
        }
    }

    @Test func meanTimeToFailureAgreesWithFundamentalMatrixOnModerateChains() throws {
        for p in Self.variants where p.failureRate >= 1e-3 {
            let model = try ActiveStandby(p)
            let up = model.upStates
            let alpha = model.chain.pointMass(at: model.initialState)
            expectClose(try model.meanTimeToFailure(), try model.chain.meanTimeToFailureLU(upStates: up, from: alpha),
                        relative: 1e-9, "\(p)")
        }
    }

    @Test func failbackReducesToInterchangeableUnitsAsItsRateGrows() throws {
        for base in Self.variants where base.failureRate >= 1e-3 {
            var p = base
            p.failbackRate = 1e10
            let fb = try ActiveStandby(p)
            let plain = try ActiveStandby(base)
            // The FB states hold ~1e-10 relative mass; the rest converges at rate 1/δ_fb.
            expectClose(try fb.unavailability(), try plain.unavailability(), relative: 1e-6, "\(p)")
            // MTTF does not converge: even an instant failback is entered as an outage (FB is down).
            #expect(try fb.meanTimeToFailure() <= (try plain.meanTimeToFailure()) * (1 + 1e-12))
            _ = try fb.chain.checkedSteadyState(tolerance: 1e-12)
        }
    }

    @Test func failbackCostsAvailability() throws {
        let base = ActiveStandby.Parameters(failureRate: 1e-3, standbyFailureRate: 1e-4, repairRate: 0.1, switchover: .rate(60))
        var withFailback = base
        withFailback.failbackRate = 60
        let plain = try ActiveStandby(base).unavailability()
        let fb = try ActiveStandby(withFailback).unavailability()
        // Each repair of the primary while the backup serves adds an outage of mean 1/δ_fb:
        // roughly doubles the switchover downtime here.
        #expect(fb > plain)
        #expect(fb < 3 * plain)
    }

    @Test func transientStartsUpAndTendsToSteadyState() throws {
        // Every third moderate variant keeps the debug-build run short; the grid still covers each option.
        let moderate = Self.variants.filter { $0.failureRate >= 1e-3 }
        for p in moderate.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
            let model = try ActiveStandby(p)
            #expect(try model.unavailability(at: 0) == 0)
            let late = try model.unavailability(at: 1e6)
            expectClose(late, try model.unavailability(), relative: 1e-9, "\(p)")
            for t in [0.5, 10, 300] {
                let a = try model.availability(at: t)
                let b = try model.availability(at: t, method: .matrixExponential)
                expectClose(a, b, relative: Bar.transientAvailability, "\(p) t=\(t)")
                let ia = try model.intervalAvailability(over: t)
                let ib = try model.intervalAvailability(over: t, method: .matrixExponential)
                expectClose(ia, ib, relative: Bar.transientAvailability, "\(p) t=\(t)")
                // Up and down sums are computed separately; they must still add to 1.
                expectClose(a + (try model.unavailability(at: t)), 1, relative: 1e-14)
            }
        }
    }

    @Test func rejectsBadParameters() throws {
        func message(_ p: ActiveStandby.Parameters) -> String? {
            do {
                _ = try ActiveStandby(p)
                return nil
            } catch {
                return error.description
            }
        }
        let ok = ActiveStandby.Parameters(failureRate: 1, standbyFailureRate: 0, repairRate: 1)
        #expect(message(ok) == nil)
        var p = ok
        p.coverage = 1.5
        #expect(message(p) == "c (coverage): expected a probability in [0, 1], found 1.5")
        p = ok
        p.crews = 3
        #expect(message(p) == "r (repair crews): expected 1 or 2, found 3")
        p = ok
        p.repairRate = .nan
        #expect(message(p) == "μ (repair rate): expected a finite rate > 0, found NaN")
        p = ok
        p.switchover = .rate(0)
        #expect(message(p)?.hasPrefix("δ (switchover rate)") == true)
    }
}
