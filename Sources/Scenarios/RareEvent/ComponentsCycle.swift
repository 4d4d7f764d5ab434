import Foundation
import Reliability
import Simulation

/// One regenerative cycle of a ``ComponentsSpec`` under balanced failure biasing, simulated
/// directly (n components, no protocols, no event queue): from the first failure, drawn with its
/// true probability λ_j/Λ, until every component is up again.
///
/// While something is down the cycle runs in the segments of ``BalancedFailureBiasing``, from one
/// change of state to the next repair completion, until the service has been down and is back:
/// the rare set has been visited, and the way back to all-up runs unbiased, so that long walks
/// after the outage do not multiply the weight (any history-dependent change of measure keeps the
/// estimator unbiased when its likelihood ratio is kept). Repairs keep their true distribution (any) and
/// the group's crews, FIFO, as ``ComponentGroup`` repairs them.
struct ComponentsCycle {
    let spec: ComponentsSpec
    let biasing: BalancedFailureBiasing
    /// The repair distribution actually drawn (the spec's; a test passes another to show that a
    /// repair clock biased without its likelihood ratio makes the estimate wrong).
    let repair: Distribution

    init(spec: ComponentsSpec, biasing: BalancedFailureBiasing, repair: Distribution? = nil) {
        precondition(spec.failure.timeToFailure.isExponential, "the loader refuses non-exponential times to failure")
        self.spec = spec
        self.biasing = biasing
        self.repair = repair ?? spec.failure.timeToRepair
    }

    /// λ, the failure rate of one component, per second.
    var failureRate: Double { 1 / spec.failure.timeToFailure.mean }
    /// Λ, the total failure rate in all-up.
    var allUpRate: Double { Double(spec.count) * failureRate }

    private enum State { case up, waiting, repairing(until: Double) }

    /// Runs one cycle on `stream`: its down time (fewer than the quorum up), return time and weight,
    /// and its down time split by how many components were down (index k = k down).
    func run(_ stream: inout RandomStream) -> (cycle: WeightedCycle, downtimeByCount: [Double]) {
        let n = spec.count
        let maxDown = n - spec.serviceQuorum
        let crews = spec.failure.repairCrews ?? n
        var states = Array(repeating: State.up, count: n)
        var queue: [Int] = []
        var busy = 0
        var now = 0.0
        var down = 0
        var logWeight = 0.0
        var byCount = [Double](repeating: 0, count: n + 1)

        func startRepair(_ j: Int) {
            busy += 1
            states[j] = .repairing(until: now + repair.sample(&stream))
        }
        func fail(_ j: Int) {
            down += 1
            if busy < crews { startRepair(j) } else { states[j] = .waiting; queue.append(j) }
        }
        func repairDone(_ j: Int) {
            states[j] = .up
            down -= 1
            busy -= 1
            if !queue.isEmpty { startRepair(queue.removeFirst()) }
        }
        var recovered = false
        var wasDown = false
        fail(stream.nextInt(below: n))  // identical components: λ_j/Λ = 1/n
        var segments = 0
        while down > 0 {
            segments += 1
            precondition(segments < 100_000_000, "a cycle that never returns to all-up")
            var repaired = -1
            var repairAt = Double.infinity
            for (j, state) in states.enumerated() {
                if case .repairing(let until) = state, until < repairAt { (repaired, repairAt) = (j, until) }
            }
            precondition(repaired >= 0, "something is down, so a repair is under way")
            let up = states.indices.filter { if case .up = states[$0] { true } else { false } }
            var failing: Int?
            var next = repairAt
            if recovered {
                // The outage is over: the rest of the cycle runs unbiased (L unchanged).
                let clocks = up.map { _ in Distribution.exponential(mean: 1 / failureRate).sample(&stream) }
                if let first = clocks.indices.min(by: { clocks[$0] < clocks[$1] }), now + clocks[first] < repairAt {
                    (failing, next) = (up[first], now + clocks[first])
                }
            } else {
                let segment = biasing.segment(
                    trueRates: up.map { _ in failureRate }, horizon: max(repairAt - now, .leastNormalMagnitude),
                    scale: spec.failure.timeToRepair.mean / Double(busy),
                    decide: stream.nextUnit(), which: stream.nextUnit(), when: stream.nextUnit())
                logWeight += segment.logLikelihoodRatio
                if let failure = segment.failure { (failing, next) = (up[failure.component], now + failure.after) }
            }
            if down > maxDown { byCount[down] += next - now }
            now = next
            if let failing {
                fail(failing)
            } else {
                repairDone(repaired)
                if wasDown && down <= maxDown { recovered = true }
            }
            if down > maxDown { wasDown = true }
        }
        let downtime = byCount.reduce(0, +)
        return (WeightedCycle(downtime: downtime, returnTime: now, likelihoodRatio: exp(logWeight)), byCount)
    }
}

extension Distribution {
    /// Whether this is an exponential distribution (the only one the rare-event method biases).
    var isExponential: Bool { if case .exponential = self { true } else { false } }
}
