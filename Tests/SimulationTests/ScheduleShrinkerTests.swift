import Testing
@testable import Simulation

@Suite struct ScheduleShrinkerTests {
    /// A synthetic bug: the run "fails" when host 1 is crashed while host 2 is paused for at least 10 s.
    static func fails(_ schedule: [ScheduledFault]) -> Bool {
        var crashed: SimTime?, paused: SimTime?
        for entry in schedule {
            switch entry.fault {
            case .crash(HostID(1), _, _): crashed = entry.time
            case .restart(HostID(1), _):
                if let c = crashed, let p = paused, entry.time - max(c, p) >= .seconds(10) { return true }
                crashed = nil
            case .pause(HostID(2)): paused = entry.time
            case .resume(HostID(2)):
                if let c = crashed, let p = paused, entry.time - max(c, p) >= .seconds(10) { return true }
                paused = nil
            default: break
            }
        }
        return false
    }

    @Test func shrinksASwarmScheduleToTheFaultsThatMatter() {
        var generator = SwarmGenerator(hosts: (0..<5).map(HostID.init), duration: .hours(1))
        generator.kinds = [.crash, .pause, .partition, .clockJump]
        generator.outage = 30...600
        var seed = 0
        var schedule: [ScheduledFault] = []
        while seed < 10_000 {
            schedule = generator.generate(seed: StreamSeed(UInt64(seed))).timeline
            if Self.fails(schedule) { break }
            seed += 1
        }
        #expect(Self.fails(schedule), "no failing seed found")
        var shrinker = ScheduleShrinker(budget: 2_000, stillFails: Self.fails)
        let minimal = shrinker.shrink(schedule)
        #expect(Self.fails(minimal))
        #expect(minimal.count <= 4, "\(minimal)")
        #expect(minimal.count < schedule.count)
        #expect(shrinker.replays <= 2_000)
    }

    @Test func theSameInputShrinksTheSameWay() {
        let schedule = [
            ScheduledFault(at: .zero + .seconds(5), .crash(HostID(1))), ScheduledFault(at: .zero + .seconds(6), .pause(HostID(3))),
            ScheduledFault(at: .zero + .seconds(8), .pause(HostID(2))), ScheduledFault(at: .zero + .seconds(100), .restart(HostID(1))),
            ScheduledFault(at: .zero + .seconds(200), .resume(HostID(2))),
        ]
        var a = ScheduleShrinker(stillFails: Self.fails), b = ScheduleShrinker(stillFails: Self.fails)
        let first = a.shrink(schedule)
        #expect(first == b.shrink(schedule))
        #expect(first.count == 3)
        #expect(!first.contains { $0.fault == .pause(HostID(3)) })
        #expect(first.last!.time - first[1].time < .seconds(30))
    }
}
