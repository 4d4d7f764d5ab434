import Testing
@testable import Simulation

/// Faults that name a role: resolved when they apply, to the role's holder for a fault that takes
/// a host down and to the host that fault hit for one that brings it back; skipped otherwise.
@Suite struct RoleFaultTests {
    @Test func aRoleFaultHitsTheHolderThenAndTheRestartBringsThatHostBack() {
        let simulator = Simulator(seed: 1, recordTrace: true)
        let hosts = (0..<3).map { i in simulator.addHost("h\(i)", durable: { TestDisk() }) { _ in Recorder() } }
        var holder: HostID? = nil
        simulator.registerRole("boss") { holder }
        let placeholder = HostID(0)
        FaultInjector([
            ScheduledFault(at: .s(1), .restart(placeholder), role: "boss"),  // nobody was taken down: skipped
            ScheduledFault(at: .s(2), .crash(placeholder), role: "boss"),  // nobody holds it: skipped
            ScheduledFault(at: .s(4), .crash(placeholder), role: "boss"),
            ScheduledFault(at: .s(6), .restart(placeholder), role: "boss"),
        ]).attach(to: simulator)
        simulator.at(.s(3)) { _ in holder = hosts[2] }
        simulator.at(.s(5)) { _ in holder = hosts[1] }  // the restart still brings back h2
        simulator.run(until: .s(5))
        #expect(simulator.status(of: hosts[2]) == .crashed)
        #expect(hosts.prefix(2).allSatisfy { simulator.status(of: $0) == .up })
        simulator.run(until: .s(7))
        #expect(hosts.allSatisfy { simulator.status(of: $0) == .up })
        let applied = simulator.trace.records.filter { ["crash", "restart"].contains($0.event) }
        #expect(applied.map(\.event) == ["crash", "restart"] && applied.allSatisfy { $0.host == hosts[2] })
        #expect(simulator.trace.records.filter { $0.event == "fault-skipped" }.map(\.time) == [.s(1), .s(2)])
    }
}
