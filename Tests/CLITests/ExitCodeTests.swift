import Foundation
import Testing

/// Issue 11: 0 success, 1 an expectation or invariant failed, 2 invalid input or usage, for every command.
@Suite struct ExitCodeTests {
    /// Argument-parser's own errors (a bad value, a missing argument, an unknown option) exit 2, not 64.
    @Test(arguments: [
        ["run", "cli.json", "--replications", "x"], ["run", "cli.json", "--seed", "-1"], ["run"], ["validate", "--frobnicate"],
        ["frobnicate"], ["analyze", "standby"], ["merge"], ["bench", "--events", "0"], ["k8s-job", "cli.json", "--shards", "0"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = try Nines.run(arguments, in: dir)
        #expect(output.status == 2, "\(arguments): \(output.stderr)")
        #expect(!output.stderr.isEmpty)
    }

    @Test(arguments: [["--help"], ["run", "--help"], ["help", "run"], ["workflow", "validate", "--help"]])
    func helpExitsZero(arguments: [String]) throws {
        let output = try Nines.run(arguments)
        #expect(output.status == 0)
        #expect(output.stdout.contains("USAGE"))
    }

    /// A missing file, a folder given as a file, a bad duration: 2, with a message that says what.
    @Test func missingFilesAndBadValuesExitTwo() throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = try Nines.run(["check", "missing.json"], in: dir)
        #expect(check.status == 2)
        #expect(check.stderr.contains("missing.json: $: expected a scenario file or folder, found no such file"), "\(check.stderr)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.json"), withIntermediateDirectories: true)
        let folder = try Nines.run(["validate", "folder.json"], in: dir)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("folder.json: $: expected a readable JSON file, found a folder"), "\(folder.stderr)")
        let workflow = try Nines.run(["workflow", "validate", "missing.xml"], in: dir)
        #expect(workflow.status == 2)
        let duration = try Nines.run(["run", "cli.json", "--duration", "abc", "--quiet"], in: dir)
        #expect(duration.status == 2)
        #expect(duration.stderr.contains("--duration: expected a duration such as 30d, 12h or 90s, at most 36500d, found \"abc\""), "\(duration.stderr)")
    }

    /// An invalid scenario inside `check` is reported as invalid (exit 2), not as a failed expectation.
    @Test func checkTellsInvalidFromFailed() throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{".write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let check = try Nines.run(["check", "broken.json", "cli.json"], in: dir)
        #expect(check.status == 2)
        #expect(check.stdout.contains("INVALID  broken.json"), "\(check.stdout)")
        #expect(check.stdout.contains("1 passed, 0 failed, 1 invalid"))
    }
}
