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
                    // A writer keeps proposals in flight, so followers' last zxids differ at the crash.
                    zk.sim.addHost("writer") { _ in ScriptedClient(servers: zk.servers, plan: writePlan(400), interval: .milliseconds(20)) }
                    guard zk.runUntilStable() else { continue }
                    var offsets = zk.sim.stream("crash-offset")
                    zk.sim.run(for: .seconds(3) + .milliseconds(Int64(offsets.nextInt(below: 2000))))
                    let before = metrics.electionCount
                    // A crashed process's sockets are reset, so followers notice at once; a frozen
                    // (or vanished) leader is noticed only by the followers' syncLimit timeout.
                    if vanish { zk.sim.pause(zk.leader!) } else { zk.sim.crash(zk.leader!) }
                    zk.sim.run(for: .seconds(60))
                    if metrics.electionCount > before { samples.append(metrics.electionDurations.last!.seconds) }
                }
                samples.sort()
                let median = samples[samples.count / 2]
                let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
                print(
                    "election after leader \(vanish ? "frozen (silent)" : "process crash"): n=\(size) runs=\(samples.count) "
                        + "median=\(String(format: "%.3f", median)) s p99=\(String(format: "%.3f", p99)) s "
                        + "min=\(String(format: "%.3f", samples.first!)) max=\(String(format: "%.3f", samples.last!))")
            }
        }
    }
}

/// Not a test: prints trace digests of a faulty run, to compare across processes (Swift seeds
/// `Hasher` per process, so a `Dictionary` order that leaks shows up as a different digest).
/// Run twice with `NINES_DIGEST=1 swift test --filter DigestPrinter` and compare the lines.
@Suite struct DigestPrinter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NINES_DIGEST"] != nil))
    func printDigests() {
        for seed in UInt64(1)...UInt64(3) {
            let zk = Ensemble(size: 5, seed: seed)
            zk.sim.addObserver(ClientHistory())
            for i in 0..<3 { zk.sim.addHost("counter\(i)") { _ in CounterClient(servers: zk.servers) } }
            let store = zk.sim.addHost("store") { _ in FencedStore() }
            for id in ["p", "q"] { zk.sim.addHost("latch-\(id)") { _ in LatchParticipant(servers: zk.servers, id: id, store: store) } }
            zk.sim.run(for: .seconds(5))
            zk.sim.crash(zk.leader!)
            zk.sim.run(for: .seconds(3))
            zk.sim.partition([[zk.servers[0], zk.servers[1]], Array(zk.servers.dropFirst(2))])
            zk.sim.run(for: .seconds(15))
            zk.sim.pause(zk.sim.hostIDs.last!)
            zk.sim.healAll()
            zk.sim.run(for: .seconds(20))
            zk.sim.resume(zk.sim.hostIDs.last!)
            zk.sim.run(for: .seconds(20))
            print("digest seed \(seed): \(zk.sim.trace.digestHex) events \(zk.sim.eventsProcessed)")
        }
    }
}
