import Foundation
import Testing

/// `nines --version`, and the same version and toolchain in the outputs a run writes.
@Suite struct VersionTests {
    @Test func versionPrintsTheVersionAndToolchainAndExitsZero() throws {
        let out = try Nines.run(["--version"])
        #expect(out.status == 0)
        let line = out.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("nines 0."), "\(line)")
        #expect(line.contains("Swift 6."), "\(line)")
    }

    @Test func summaryAndReportNameTheVersionTheyWereWrittenBy() throws {
        let dir = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let version = try Nines.run(["--version"]).stdout.trimmingCharacters(in: .newlines)
        #expect(try Nines.run(["run", "cli.json", "--out", "o", "--quiet"], in: dir).status == 0)
        let out = dir.appendingPathComponent("o")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let object = try #require(summary as? [String: Any])
        let number = try #require(object["nines_version"] as? String)
        let toolchain = try #require(object["toolchain"] as? String)
        #expect(version == "nines \(number) (\(toolchain))")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Written by \(version)"))
    }
}
