import Foundation
import Testing

/// Issue 11: `nines validate` lists every error of a file, and refuses work over the limit unless
/// `--allow-long-run` is given; both exit 2 and write nothing.
@Suite struct ValidateAllErrorsTests {
    @Test func validateListsEveryErrorOfAFile() throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = RunCommandTests.scenario.replacingOccurrences(of: "\"seed\": 4", with: "\"seed\": -4")
            .replacingOccurrences(of: "\"count\": 3", with: "\"count\": 3, \"colour\": 1")
            .replacingOccurrences(of: "\"availability_at_least\": 0.5", with: "\"availability_at_least\": 5")
        try broken.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let validate = try Nines.run(["validate", "bad.json"], in: dir)
        #expect(validate.status == 2)
        let lines = validate.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "error: bad.json:1: $.seed: expected a non-negative integer below 2^53, found -4",
            "error: bad.json:2: $.components.colour: expected one of \"count\", \"failure\", \"service_quorum\", found unknown member \"colour\"",
            "error: bad.json:4: $.expectations.availability_at_least: expected a probability in [0, 1], found 5",
        ], "\(validate.stderr)")
    }

    @Test func workOverTheLimitIsRefusedUnlessAllowed() throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = #"{"name": "long", "kind": "ensemble", "seed": 1, "duration": "36500d", "replications": 2, "ensemble": {"servers": 3, "tick_time": "1ms"}}"#
        try long.write(to: dir.appendingPathComponent("long.json"), atomically: true, encoding: .utf8)
        let validate = try Nines.run(["validate", "long.json"], in: dir)
        #expect(validate.status == 2)
        #expect(validate.stderr.hasPrefix("error: long.json: $.ensemble.tick_time: expected at most 1e+10 periodic events"), "\(validate.stderr)")
        let run = try Nines.run(["run", "long.json", "--out", "out", "--quiet"], in: dir)
        #expect(run.status == 2 && run.stderr.contains("--allow-long-run"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        let allowed = try Nines.run(["validate", "long.json", "--allow-long-run"], in: dir)
        #expect(allowed.status == 0 && allowed.stdout.contains("about 3.88e+13 periodic events"), "\(allowed.stdout)")
    }
}
