import Foundation
import Simulation
import Testing
@testable import Scenarios

/// Issue 11: what validates runs, and what cannot run is refused with the path and the limit.
@Suite struct InputLimitsTests {
    static func broken(_ original: String, _ replacement: String) -> String {
        let text = ScenarioLoaderTests.valid.replacingOccurrences(of: original, with: replacement)
        precondition(text != ScenarioLoaderTests.valid, "\(original) is not in the scenario")
        return text
    }

    @Test(arguments: [
        ("\"duration\": \"100d\"", "\"duration\": \"106751d\"", "$.duration", "a duration of at most 36500d"),
        ("\"mean\": \"10d\"", "\"mean\": \"0s\"", "$.components.failure.ttf.exponential.mean", "a positive duration"),
        ("\"ttf\": {\"exponential\": {\"mean\": \"10d\"}}", "\"ttf\": {\"deterministic\": \"0s\"}", "$.components.failure.ttf",
         "a time to failure with a mean of at least 1ms"),
        ("\"shape\": 2", "\"shape\": 0.001", "$.components.failure.ttr.weibull.shape", "a shape in [0.1, 100]"),
        ("\"replications\": 4", "\"replications\": 1000000000", "$.replications", "an integer in 2…100000"),
        ("\"expectations\"", "\"faults\": [{\"at\": \"200d\", \"action\": \"crash\", \"host\": \"c1\"}], \"expectations\"",
         "$.faults[0].at", "a time within the run (before 100d)"),
    ])
    func limitsNameThePath(original: String, replacement: String, path: String, expected: String) {
        #expect { try ScenarioLoader.parse(Self.broken(original, replacement), file: "t.json") } throws: { error in
            let e = error as! ScenarioError
            return e.path == path && e.expected.hasPrefix(expected) && e.file == "t.json"
        }
    }

    /// Repeating intervals shorter than 1 ms never let a run finish; they are refused.
    @Test func intervalsShorterThanAMillisecondAreRefused() {
        let text = """
            {"name": "e", "kind": "ensemble", "seed": 1, "duration": "1h", "replications": 2,
             "ensemble": {"servers": 3, "tick_time": "1us"}}
            """
        #expect { try ScenarioLoader.parse(text, file: "e.json") } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.ensemble.tick_time" && e.expected == "an interval between 1ms and 1h"
        }
    }

    /// A heavy-tailed draw past the clock's end means "never", not an event in the past (these
    /// trapped in `Simulator.schedule(after:)` and the event queue).
    @Test func drawsPastTheClocksEndSaturate() {
        #expect(SimTime(nanoseconds: 10) + SimDuration(nanoseconds: .max) == SimTime.distantFuture)
        #expect(SimDuration(nanoseconds: .max) + SimDuration(nanoseconds: 1) == SimDuration(nanoseconds: .max))
        #expect(SimDuration.days(36_500) * 1_000 == SimDuration(nanoseconds: .max))
        let text = """
            {"name": "far", "kind": "ensemble", "seed": 1, "duration": "1h", "replications": 2,
             "ensemble": {"servers": 3, "failure": {"ttf": {"deterministic": "106751d"}, "ttr": {"exponential": {"mean": "106751d"}}}},
             "network": {"latency": {"deterministic": "106751d"}}}
            """
        guard let scenario = try? ScenarioLoader.parse(text, file: "far.json") else {
            Issue.record("a distribution parameter up to the clock's length is valid")
            return
        }
        _ = FuzzTarget.run(scenario, atMost: .minutes(10))  // reaching the next line is the test: it trapped before
    }

    /// Unknown member names are echoed escaped and cut short; a 70 KB name is not printed whole.
    @Test func echoedNamesAreEscapedAndTruncated() {
        let long = String(repeating: "k", count: 200)
        let text = ScenarioLoaderTests.valid.replacingOccurrences(of: "\"seed\": 3", with: "\"seed\": 3, \"\(long)\\n\": 1")
        #expect { try ScenarioLoader.parse(text, file: "t.json") } throws: { error in
            let e = error as! ScenarioError
            return e.found.count < 80 && e.found.contains("…") && !e.description.contains("\n")
        }
    }

    @Test(arguments: ["..", ".", "a/b", ".hidden", "x\u{1}", String(repeating: "x", count: 101), "é", ""])
    func unsafeNamesAreRefused(name: String) {
        #expect(!Scenario.isSafeName(name))
    }

    @Test(arguments: ["quickstart", "a.b-c_D9", String(repeating: "x", count: 100)])
    func safeNamesAreAccepted(name: String) {
        #expect(Scenario.isSafeName(name))
    }
}
