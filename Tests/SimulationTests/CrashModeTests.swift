import Testing
@testable import Simulation

/// A process crash is announced by the operating system; a host crash is silent until the
/// machine boots again.
@Suite struct CrashModeTests {
    @Test func aProcessCrashTellsThePeerAfterOneLatencyAndRefusesNewConnections() {
        let (simulator, hosts) = KernelTests.simulator()
        let (a, b) = (hosts[0], hosts[1])
        simulator.recorder(a).onStart = { $0.send(Note(value: 1), to: b) }
        simulator.at(.s(1)) { $0.crash(b, mode: .process) }
        simulator.at(.s(2)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 2), to: b) }
        simulator.run(until: .s(3))
        #expect(simulator.recorder(a).closed == [b, b])  // the reset at 1.010 s, the refusal at 2.020 s
    }

    @Test func aHostCrashIsSilentAndMessagesToItAreLost() {
        let (simulator, hosts) = KernelTests.simulator()
        let (a, b) = (hosts[0], hosts[1])
        simulator.recorder(a).onStart = { $0.send(Note(value: 1), to: b) }
        simulator.at(.s(1)) { $0.crash(b, mode: .host) }
        simulator.at(.s(2)) { sim in
            let context = ProcessContext(simulator: sim, host: a)
            let before = context.connection(to: b)
            context.send(Note(value: 2), to: b)
            context.closeConnection(to: b)
            context.send(Note(value: 3), to: b)  // a new connection: its attempt goes unanswered too
            #expect(context.connection(to: b) != before)
        }
        simulator.run(until: .s(10))
        #expect(simulator.recorder(a).closed.isEmpty)
        #expect(simulator.status(of: b) == .crashed)
    }

    @Test func aHostCrashKeepsThePeersConnectionUntilTheMachineBootsAndResetsIt() {
        let (simulator, hosts) = KernelTests.simulator()
        let (a, b) = (hosts[0], hosts[1])
        simulator.recorder(a).onStart = { $0.send(Note(value: 1), to: b) }
        var connectionDuringOutage: ConnectionID?
        simulator.at(.s(1)) { $0.crash(b, mode: .host) }
        simulator.at(.s(2)) { sim in connectionDuringOutage = sim.currentConnection(a, b) }
        simulator.at(.s(5)) { $0.restart(b) }
        simulator.run(until: .s(6))
        // Nothing betrayed the crash while the machine was off: the same connection, no notice.
        #expect(connectionDuringOutage == ConnectionID(low: a, high: b, incarnation: 1))
        // The boot resets it: the peer hears of it one latency after 5 s.
        #expect(simulator.recorder(a).closed == [b])
        #expect(simulator.currentConnection(a, b).incarnation == 2)
    }

    @Test func aFailureModelDrawsModesOnlyWhenItMixesThem() {
        var stream = StreamSeed(7).stream
        var copy = stream
        #expect(CrashModeMix.process.draw(&stream) == .process)
        #expect(CrashModeMix.host.draw(&stream) == .host)
        #expect(stream.next() == copy.next())  // pure mixes leave the stream untouched
        var mixed = StreamSeed(7).stream
        let draws = (0..<10_000).map { _ in CrashModeMix(silentShare: 0.3).draw(&mixed) }
        let share = Double(draws.filter { $0 == .host }.count) / 10_000
        // Binomial(10 000, 0.3): sd ≈ 0.0046, so ±0.02 is more than four standard deviations.
        #expect(abs(share - 0.3) < 0.02)
    }

    @Test func aComponentGroupCrashesItsHostInTheDrawnMode() {
        let simulator = Simulator(seed: 3)
        let host = simulator.addHost("h") { _ in Recorder() }
        let model = FailureModel(
            timeToFailure: .deterministic(10), timeToRepair: .deterministic(5), crashModes: .host)
        let group = ComponentGroup(name: "h", count: 1, model: model, seed: simulator.seed)
        var changes: [ComponentChange] = []
        group.onChange = { _, change in
            changes.append(change)
            change.apply(to: host, in: simulator)
        }
        group.attach(to: simulator)
        simulator.run(until: .s(12))
        #expect(changes == [.failed(.host)])
        #expect(simulator.status(of: host) == .crashed)
        simulator.run(until: .s(16))
        #expect(changes == [.failed(.host), .repaired])
        #expect(simulator.status(of: host) == .up)
    }
}
