import Foundation
import Testing

@testable import Simulation

/// A plainly correct queue: a list scanned for the least `(time, sequence)`.
struct ReferenceQueue {
    var events: [(time: Int64, sequence: Int, payload: Int64)] = []
    var nextSequence = 0

    mutating func push(time: Int64, payload: Int64) {
        events.append((time, nextSequence, payload))
        nextSequence += 1
    }

    mutating func popMin() -> (time: Int64, payload: Int64)? {
        guard let i = events.indices.min(by: { (events[$0].time, events[$0].sequence) < (events[$1].time, events[$1].sequence) })
        else { return nil }
        let e = events.remove(at: i)
        return (e.time, e.payload)
    }

    var nextTime: Int64? { events.map(\.time).min() }
}

@Suite struct EventQueueTests {
    /// A delay drawn from a mix that exercises every digit position: zero (ties), tiny, exponential
    /// around a second, and huge jumps.
    static func delay(_ random: inout RandomStream) -> Int64 {
        switch random.nextInt(below: 8) {
        case 0, 1: return 0
        case 2: return Int64(random.nextInt(below: 16))
        case 3: return Int64(random.nextInt(below: 1 << 20))
        case 4: return Int64(random.next() >> UInt64(1 + random.nextInt(below: 63)))
        default: return Int64(-1e9 * log(random.nextOpenUnit()))
        }
    }

    /// `now + delay`, saturating at `Int64.max` (many events pile up there: ties at the top).
    static func later(_ now: Int64, _ delay: Int64) -> Int64 {
        let (sum, overflow) = now.addingReportingOverflow(delay)
        return overflow ? .max : sum
    }

    /// Runs one seeded random sequence of pushes, pops, peeks and bounded pops against the
    /// reference; returns a description of the first difference, or nil.
    static func compareWithReference(seed: UInt64, operations: Int) -> String? {
        var random = RandomStream(seed: seed)
        var queue = EventQueue()
        var reference = ReferenceQueue()
        var now: Int64 = random.nextInt(below: 2) == 0 ? 0 : -Int64(random.nextInt(below: 1 << 40))
        let pushBias = 2 + random.nextInt(below: 5)  // some runs grow, some stay small
        for step in 0..<operations {
            let roll = random.nextInt(below: pushBias + 3)
            if roll < pushBias {
                let time = later(now, delay(&random))
                let payload = Int64(step)
                queue.push(time: time, target: 0, kind: 0, payload: payload)
                reference.push(time: time, payload: payload)
            } else if roll == pushBias {
                let got = queue.nextTime, want = reference.nextTime
                if got != want { return "step \(step): nextTime \(String(describing: got)) != \(String(describing: want))" }
            } else if roll == pushBias + 1 {
                let limit = later(now, delay(&random))
                let got = queue.popMin(notAfter: limit)
                let wantTime = reference.nextTime
                if let wantTime, wantTime <= limit {
                    let want = reference.popMin()!
                    guard let got, got.time == want.time, got.payload == want.payload else {
                        return "step \(step): popMin(notAfter:) \(String(describing: got)) != \(want)"
                    }
                    now = got.time
                } else if got != nil {
                    return "step \(step): popMin(notAfter: \(limit)) returned \(got!), expected nil"
                }
            } else {
                let got = queue.popMin(), want = reference.popMin()
                if got?.time != want?.time || got?.payload != want?.payload {
                    return "step \(step): popMin \(String(describing: got)) != \(String(describing: want))"
                }
                if let got { now = got.time }
            }
            if queue.count != reference.events.count { return "step \(step): count \(queue.count) != \(reference.events.count)" }
            if step % 16 == 0 && !queue.checkInvariants() { return "step \(step): invariants broken" }
        }
        while let want = reference.popMin() {
            guard let got = queue.popMin(), got.time == want.time, got.payload == want.payload else {
                return "drain: expected \(want)"
            }
        }
        return queue.popMin() == nil && queue.isEmpty && queue.checkInvariants() ? nil : "drain: queue not empty"
    }

    @Test func matchesTheReferenceOverThousandsOfSeededSequences() {
        for seed in UInt64(0)..<3000 {
            if let failure = Self.compareWithReference(seed: seed, operations: 300) {
                Issue.record("seed \(seed): \(failure)")
                return
            }
        }
    }

    @Test func matchesTheReferenceOnLongSequences() {
        for seed in UInt64(10_000)..<10_008 {
            if let failure = Self.compareWithReference(seed: seed, operations: 4_000) {
                Issue.record("seed \(seed): \(failure)")
                return
            }
        }
    }

    @Test func tiesFireInInsertionOrder() {
        var queue = EventQueue()
        for i in 0..<1000 { queue.push(time: 42, target: 0, kind: 0, payload: Int64(i)) }
        queue.push(time: 7, target: 0, kind: 0, payload: -1)
        check(queue.popMin()?.payload == -1)
        // Pushed while popping: same time as the events already waiting, so after them.
        var order: [Int64] = []
        while let event = queue.popMin() {
            order.append(event.payload)
            if event.payload < 10 { queue.push(time: 42, target: 0, kind: 0, payload: 1000 + event.payload) }
            check(queue.checkInvariants())
        }
        #expect(order == (0..<1000).map(Int64.init) + (1000..<1010).map(Int64.init))
    }

    @Test func popThenPushAsASimulationDoes() {
        // Every pop is followed by a push (the fused pattern of a simulation loop); one in three
        // pushes lands at the popped time.
        var queue = EventQueue()
        var reference = ReferenceQueue()
        var random = RandomStream(seed: 99)
        for i in 0..<500 {
            let time = Int64(random.nextInt(below: 1_000_000))
            queue.push(time: time, target: 0, kind: 0, payload: Int64(i))
            reference.push(time: time, payload: Int64(i))
        }
        for step in 0..<20_000 {
            let got = queue.popMin()!, want = reference.popMin()!
            #expect(got.time == want.time && got.payload == want.payload, "step \(step)")
            if got.time != want.time || got.payload != want.payload { return }
            let time = got.time + (step % 3 == 0 ? 0 : Int64(random.nextInt(below: 2_000_000)))
            queue.push(time: time, target: 1, kind: 2, payload: Int64(500 + step))
            reference.push(time: time, payload: Int64(500 + step))
        }
        check(queue.count == 500)
        check(queue.checkInvariants())
    }

    @Test func carriesTargetKindAndPayloadAndNumbersInInsertionOrder() {
        var queue = EventQueue()
        queue.push(time: 5, target: 3, kind: 9, payload: -12)
        queue.push(time: 5, target: -1, kind: 1, payload: 7)
        let first = queue.popMin()!, second = queue.popMin()!
        #expect((first.time, first.target, first.kind, first.payload) == (5, 3, 9, -12))
        #expect((second.time, second.target, second.kind, second.payload) == (5, -1, 1, 7))
        #expect(first.sequence < second.sequence)
        check(queue.popMin() == nil)
        check(queue.nextTime == nil)
    }

    @Test func peekingDoesNotChangeTheOrderAndExtremeTimesWork() {
        var queue = EventQueue()
        let times: [Int64] = [.max, -5, 0, .min, 1 << 62, -5, .max]
        for (i, t) in times.enumerated() { queue.push(time: t, target: 0, kind: 0, payload: Int64(i)) }
        check(queue.nextTime == .min)
        check(queue.nextTime == .min)
        check(queue.count == times.count)
        check(queue.checkInvariants())
        check(queue.popMin(notAfter: .min)?.payload == 3)
        check(queue.popMin(notAfter: -6) == nil)
        check(queue.count == times.count - 1)
        queue.push(time: -5, target: 0, kind: 0, payload: 99)  // same time as two waiting events: after them
        var order: [Int64] = []
        while let event = queue.popMin() { order.append(event.payload) }
        #expect(order == [1, 5, 99, 2, 4, 0, 6])
    }

    @Test func aLargeQueueStaysOrderedAndGivesBackRoom() {
        // Enough events to fill and trim large buckets.
        var queue = EventQueue()
        var random = RandomStream(seed: 7)
        for i in 0..<200_000 {
            queue.push(time: Int64(-1e9 * log(random.nextOpenUnit())), target: 0, kind: 0, payload: Int64(i))
        }
        var last: (Int64, UInt64) = (.min, 0)
        var popped = 0
        while let event = queue.popMin() {
            guard last < (event.time, event.sequence) else {
                Issue.record("out of order after \(popped) pops")
                return
            }
            last = (event.time, event.sequence)
            popped += 1
            if popped <= 300_000 && popped % 2 == 0 {
                queue.push(time: event.time + Int64(-1e9 * log(random.nextOpenUnit())), target: 0, kind: 0, payload: 0)
            }
        }
        #expect(popped == 350_000)
        check(queue.checkInvariants())
        // Room held is bounded by twice the peak of events (32 bytes each) plus slack, not the sum of peaks.
        check(queue.reservedBytes <= 2 * 200_000 * 32 + 4 << 20)
    }

    @Test func pushingBeforeTheLastPoppedEventTraps() async {
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue()
            queue.push(time: 10, target: 0, kind: 0, payload: 0)
            _ = queue.popMin()
            queue.push(time: 9, target: 0, kind: 0, payload: 0)
        }
    }
}

/// `#expect` on a plain Bool, for expressions over the non-copyable queue (the macro cannot
/// capture a non-copyable operand).
func check(_ condition: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, sourceLocation: sourceLocation)
}

/// Records the payloads it handles, with their times.
final class PayloadRecorder: EventHandler {
    var fired: [(time: Int64, payload: Int64)] = []
    func handle(_ event: Event, in simulator: Simulator) { fired.append((event.time, event.payload)) }
}

@Suite struct EventQueueInSimulatorTests {
    @Test func aRunThatEndsBeforeTheNextEventStillAcceptsEarlierEvents() {
        // run(until:) looks at an event beyond its end and leaves it queued; scheduling between
        // the end and that event must work and fire first.
        let simulator = Simulator(seed: 1)
        let recorder = PayloadRecorder()
        let id = simulator.register(recorder)
        simulator.schedule(at: SimTime(nanoseconds: 1_000), for: id, payload: 1)
        simulator.schedule(at: SimTime(nanoseconds: 50_000), for: id, payload: 3)
        simulator.run(until: SimTime(nanoseconds: 10_000))
        #expect(simulator.now.nanoseconds == 10_000)
        simulator.schedule(at: SimTime(nanoseconds: 20_000), for: id, payload: 2)
        simulator.schedule(at: SimTime(nanoseconds: 50_000), for: id, payload: 4)
        simulator.run(until: SimTime(nanoseconds: 100_000))
        #expect(recorder.fired.map(\.payload) == [1, 2, 3, 4])
        #expect(recorder.fired.map(\.time) == [1_000, 20_000, 50_000, 50_000])
    }
}
