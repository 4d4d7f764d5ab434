import Testing
@testable import Simulation

/// A pause armed on a send freezes the host right after the handler that sent to the target, so
/// the answer to that request waits for `resume`; a resume before it fires disarms it.
@Suite struct PauseOnSendTests {
    @Test func firesAfterTheHandlerThatSendsToTheTargetAndHoldsTheAnswer() {
        let (simulator, hosts) = KernelTests.simulator(hosts: 3)
        let (a, b, c) = (hosts[0], hosts[1], hosts[2])
        var statusAfterSend: HostStatus?
        simulator.at(.s(1)) { $0.pauseOnSend(a, SendTrigger(to: b)) }
        simulator.at(.s(2)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 1), to: c) }
        simulator.at(.s(3)) { sim in
            let context = ProcessContext(simulator: sim, host: a)
            context.send(Note(value: 2), to: b)
            context.send(Note(value: 3), to: c)  // the same step: it still goes out
            statusAfterSend = sim.status(of: a)
        }
        simulator.at(.ms(3_500)) { sim in ProcessContext(simulator: sim, host: b).send(Note(value: 10), to: a) }
        var statusAt4: HostStatus?
        simulator.at(.s(4)) { statusAt4 = $0.status(of: a) }
        simulator.at(.s(8)) { $0.resume(a) }
        simulator.run(until: .s(10))

        #expect(statusAfterSend == .up)
        #expect(statusAt4 == .paused)
        #expect(simulator.recorder(c).received.map(\.value) == [1, 3])
        #expect(simulator.recorder(b).received.map(\.at) == [.ms(3_010)])
        let answer = simulator.recorder(a).received
        #expect(answer.map(\.value) == [10])
        #expect(answer.map(\.at) == [.s(8)])  // handled on waking, late
        #expect(simulator.armedPauses == 0)
    }

    @Test func aResumeBeforeTheSendDisarmsIt() {
        let (simulator, hosts) = KernelTests.simulator()
        let (a, b) = (hosts[0], hosts[1])
        simulator.at(.s(1)) { $0.pauseOnSend(a, SendTrigger(to: b)) }
        simulator.at(.s(2)) { $0.resume(a) }
        simulator.at(.s(3)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 1), to: b) }
        simulator.run(until: .s(5))
        #expect(simulator.status(of: a) == .up)
        #expect(simulator.armedPauses == 0)
        #expect(simulator.recorder(b).received.map(\.value) == [1])
    }

    @Test func reArmingReplacesTheTargetAndCountsOnce() {
        let (simulator, hosts) = KernelTests.simulator(hosts: 3)
        let (a, b, c) = (hosts[0], hosts[1], hosts[2])
        simulator.at(.s(1)) { sim in
            sim.pauseOnSend(a, SendTrigger(to: b))
            sim.pauseOnSend(a, SendTrigger(to: c))
        }
        simulator.at(.s(2)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 1), to: b) }
        var statusAfterB: HostStatus?
        simulator.at(.s(3)) { statusAfterB = $0.status(of: a) }
        simulator.at(.s(4)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 2), to: c) }
        simulator.run(until: .s(5))
        #expect(statusAfterB == .up)
        #expect(simulator.status(of: a) == .paused)
        #expect(simulator.armedPauses == 0)
    }
}

extension PauseOnSendTests {
    @Test func aKindedTriggerIgnoresOtherKinds() {
        let (simulator, hosts) = KernelTests.simulator()
        let (a, b) = (hosts[0], hosts[1])
        simulator.at(.s(1)) { $0.pauseOnSend(a, SendTrigger(to: b, kind: MessageKind("STORE_READ"))) }
        simulator.at(.s(2)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 1), to: b) }
        var statusAfterOtherKind: HostStatus?
        simulator.at(.s(3)) { sim in
            statusAfterOtherKind = sim.status(of: a)
            sim.pauseOnSend(a, SendTrigger(to: b, kind: Note.kind))
        }
        simulator.at(.s(4)) { sim in ProcessContext(simulator: sim, host: a).send(Note(value: 2), to: b) }
        simulator.run(until: .s(5))
        #expect(statusAfterOtherKind == .up)
        #expect(simulator.status(of: a) == .paused)
    }
}
