import Reliability
import Simulation

/// The analytic picture of n identical components with one failure model: the distribution of
/// the number down (binomial with a crew per component, the birth–death chain with shared crews),
/// and what follows from it for a service that needs `quorum` components up.
struct GroupModel {
    let count: Int
    let quorum: Int
    /// P(k down), k = 0…n, with the crews as configured.
    let states: [Double]
    /// P(k down) with one crew per component.
    let binomial: [Double]
    /// Which model `states` comes from.
    let name: String
    let failureRate: Double
    let repairRate: Double
    /// Repair crews; `count` when every component has its own.
    let crews: Int

    init(count: Int, quorum: Int, failure: FailureModel) {
        self.count = count
        self.quorum = quorum
        let mttf = failure.timeToFailure.mean, mttr = failure.timeToRepair.mean
        failureRate = 1 / mttf
        repairRate = 1 / mttr
        crews = min(failure.repairCrews ?? count, count)
        // The scenario loader validated the distributions (positive, finite means), so the models'
        // parameter checks cannot fail here; if they do, our validation has a hole.
        do {
            binomial = try IndependentComponents(count: count, downProbability: mttr / (mttf + mttr)).stateProbabilities
        } catch { preconditionFailure("validated failure model rejected: \(error)") }
        if let crews = failure.repairCrews, crews < count {
            do {
                states = try SharedRepair(count: count, crews: crews, failureRate: 1 / mttf, repairRate: 1 / mttr)
                    .stateProbabilities
            } catch { preconditionFailure("validated failure model rejected: \(error)") }
            name = "birth-death (\(crews) crew\(crews == 1 ? "" : "s"))"
        } else {
            states = binomial
            name = "binomial"
        }
    }

    /// Most components that may be down with the service still up.
    var maxDown: Int { count - quorum }
    /// Long-run fraction of time one component is down.
    var componentUnavailability: Double {
        states.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } / Double(count)
    }
    var allUp: Double { states[0] }
    /// P(at least `quorum` up), summed over the states, never as 1 − U.
    var serviceAvailability: Double { states[...maxDown].reduce(0, +) }
    var serviceUnavailability: Double { states[(maxDown + 1)...].reduce(0, +) }
    /// The mean length of a service outage in seconds: U over the rate of entering the down states
    /// (from `maxDown` down, any of the `quorum` up components failing). Nil when the service
    /// cannot go down.
    var meanOutageSeconds: Double? {
        guard maxDown + 1 <= count else { return nil }
        let entering = states[maxDown] * Double(count - maxDown) * failureRate
        return entering > 0 ? serviceUnavailability / entering : nil
    }
    /// How often a leader is elected, per second: the leader (an up member, failing at λ) fails
    /// while the quorum survives it (fewer than `maxDown` down before), or the quorum comes back.
    var electionFrequency: Double {
        failureRate * states[..<maxDown].reduce(0, +) + serviceRestorationFrequency
    }
    /// How often the service comes back (transitions from maxDown+1 down to maxDown), per second.
    var serviceRestorationFrequency: Double {
        let k = maxDown + 1
        guard k <= count else { return 0 }
        return states[k] * Double(min(k, crews)) * repairRate
    }
}
