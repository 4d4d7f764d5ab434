import Testing
@testable import Simulation

/// Issue 11: a run that fails despite validation names the scenario file, the replication and
/// its seed, and the simulated time, instead of trapping with a bare message.
@Suite struct RunFailureTests {
    /// Inside a runner's context, the message a failed `require` ends the process with names the
    /// context and the simulated time of the event that failed.
    @Test func aFailureInsideARunNamesTheContextAndTheSimulatedTime() {
        var message: String?
        RunFailure.withContext("scenarios/x.json, replication 3 (seed 42)") {
            let simulator = Simulator(seed: 1)
            simulator.at(.s(5)) { _ in message = RunFailure.describe("the queue went back in time", file: "K.swift", line: 7) }
            simulator.run(until: .s(10))
        }
        #expect(message == "error: scenarios/x.json, replication 3 (seed 42), at simulated time 5.0 s: "
            + "the run failed: the queue went back in time (K.swift:7)")
    }

    /// Outside a runner (a test driving a simulator by hand), a failure traps as before; contexts
    /// nest and are restored, so a thread that ran a replication carries nothing into the next.
    @Test func contextsAreThreadLocalAndRestored() {
        #expect(RunFailure.current == nil)
        #expect(RunFailure.describe("x", file: "f", line: 1) == nil)
        RunFailure.withContext("outer") {
            RunFailure.withContext("inner") { #expect(RunFailure.current?.label == "inner") }
            #expect(RunFailure.current?.label == "outer")
            #expect(RunFailure.describe("x", file: "f", line: 1) == "error: outer: the run failed: x (f:1)")
        }
        #expect(RunFailure.current == nil)
    }

    @Test func theSimulatedTimeIsExactWithDaysBeside() {
        #expect(RunFailure.timeText(.zero + .nanoseconds(371_389_914_077_515)) == "371389.914077515 s (4.3 d)")
        #expect(RunFailure.timeText(.s(5)) == "5.0 s")
    }
}
