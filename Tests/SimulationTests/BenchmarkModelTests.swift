import Foundation
import Testing

@testable import Simulation

/// The benchmark models compute fixed, checkable results for a fixed seed; speed is measured by
/// `nines bench`, never here.
@Suite struct BenchmarkModelTests {
    /// PHOLD replayed on the reference queue with the same draws from the same stream: an
    /// independent check of what the model computes through the real Simulator.
    static func referencePhold(seed: UInt64, processes: Int, events: Int) -> (finalTime: Int64, checksum: Int64) {
        var random = StreamSeed(seed).derive("phold").stream
        func delay() -> Int64 { Int64(-1e9 * log(random.nextOpenUnit())) }
        var queue = ReferenceQueue()
        for p in 0..<processes { queue.push(time: delay(), payload: Int64(p)) }
        var checksum: Int64 = 0
        for handled in 1...events {
            let event = queue.popMin()!
            checksum &+= event.payload
            if handled == events { return (event.time, checksum) }
            let destination = random.nextInt(below: processes)
            queue.push(time: event.time + delay(), payload: Int64(destination))
        }
        fatalError("unreachable")
    }

    @Test func pholdMatchesTheReferenceAndIsDeterministic() {
        let reference = Self.referencePhold(seed: 3, processes: 100, events: 20_000)
        for _ in 0..<2 {
            let simulator = Simulator(seed: 3)
            let model = FixedPopulationModel.phold(processes: 100, eventLimit: 20_000, in: simulator)
            model.run(simulator)
            #expect(model.eventsHandled == 20_000)
            #expect(simulator.eventsProcessed == 20_000)
            #expect(simulator.now.nanoseconds == reference.finalTime)
            #expect(model.payloadChecksum == reference.checksum)
            #expect(simulator.pendingEvents == 99)  // the last event schedules nothing
        }
    }

    @Test func pholdFixedSeedFixedResult() {
        let simulator = Simulator(seed: 1)
        let model = FixedPopulationModel.phold(processes: 1_000, eventLimit: 100_000, in: simulator)
        model.run(simulator)
        #expect(model.eventsHandled == 100_000)
        #expect(simulator.now.nanoseconds == 100_804_387_794)
        #expect(model.payloadChecksum == 49_912_129)
        #expect(simulator.pendingEvents == 999)
    }

    @Test func holdFixedSeedFixedResult() {
        for (pending, expectedTime, expectedChecksum): (Int, Int64, Int64) in [(10_000, 19_967_813_133, 998_899_516), (100_000, 1_999_229_927, 10_006_542_622)] {
            let simulator = Simulator(seed: 1)
            let model = FixedPopulationModel.hold(pending: pending, eventLimit: 200_000, in: simulator)
            model.run(simulator)
            #expect(model.eventsHandled == 200_000)
            #expect(simulator.pendingEvents == pending - 1)
            #expect(simulator.now.nanoseconds == expectedTime, "pending \(pending)")
            #expect(model.payloadChecksum == expectedChecksum, "pending \(pending)")
        }
    }

    @Test func holdKeepsTheQueueSizeAndTheMeanIncrement() {
        // Each event comes back once per ~pending/rate: after E events the clock has advanced by
        // about E × mean / pending.
        let simulator = Simulator(seed: 5)
        let model = FixedPopulationModel.hold(pending: 1_000, eventLimit: 500_000, in: simulator)
        model.run(simulator)
        let expected = 500_000.0 * 1.0 / 1_000.0
        #expect(abs(simulator.now.seconds - expected) < 0.05 * expected)
    }

    @Test func messageExchangeDeliversEveryTokenHopAndIsDeterministic() {
        var results: [(SimTime, Int64)] = []
        for _ in 0..<2 {
            let simulator = Simulator(seed: 7)
            let model = MessageExchangeModel(hosts: 4, tokens: 8, eventLimit: 10_000, in: simulator)
            model.run()
            #expect(model.delivered == 10_000)
            // Starting the 4 relays is 4 kernel events; every other event is a delivery.
            #expect(simulator.eventsProcessed == 10_004)
            // 8 tokens share the deliveries, each adding its hop count: about 8 × 1250² / 2.
            #expect(model.hopChecksum == 6_255_341)
            #expect(simulator.pendingEvents == 8)  // every token is in flight: the last delivery forwards too
            results.append((simulator.now, model.hopChecksum))
        }
        #expect(results[0] == results[1])
    }
}
