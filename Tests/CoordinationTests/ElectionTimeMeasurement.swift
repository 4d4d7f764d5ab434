import Coordination
import Foundation
import Simulation
import Testing

/// Not a test: measures election time after a leader crash for n = 3, 5, 7 over many seeds.
/// Run with `NINES_MEASURE=1 swift test --filter ElectionTimeMeasurement`.
@Suite struct ElectionTimeMeasurement {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NINES_MEASURE"] != nil))
    func measure() {
        for vanish in [false, true] {
            for size in [3, 5, 7] {
                var samples: [Double] = []
                for seed in 1...200 {
                    let zk = Ensemble(size: size, seed: UInt64(seed))
                    let metrics = ZabMetrics(servers: zk.servers)
                    zk.sim.addObserver(metrics)
                    guard zk.runUntilStable() else { continue }
                    zk.sim.run(for: .seconds(5))
                    let before = metrics.electionCount
                    zk.sim.crash(zk.leader!, resetConnections: !vanish)
                    zk.sim.run(for: .seconds(60))
                    if metrics.electionCount > before { samples.append(metrics.electionDurations.last!.seconds) }
                }
                samples.sort()
                let median = samples[samples.count / 2]
                let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
                print(
                    "election after leader \(vanish ? "host vanished" : "process crash"): n=\(size) runs=\(samples.count) "
                        + "median=\(String(format: "%.3f", median)) s p99=\(String(format: "%.3f", p99)) s "
                        + "min=\(String(format: "%.3f", samples.first!)) max=\(String(format: "%.3f", samples.last!))")
            }
        }
    }
}
