import Foundation
import Testing

/// Issue 11: Nines writes only inside folders it owns, and never where a user's data would be lost.
@Suite(.serialized) struct OutputSafetyTests {
    static func workspace(name: String = "cli") throws -> URL {
        let dir = try RunCommandTests.workspace()
        if name != "cli" {
            let text = RunCommandTests.scenario.replacingOccurrences(of: "\"name\": \"cli\"", with: "\"name\": \(name)")
            try text.write(to: dir.appendingPathComponent("named.json"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// `--out sandbox` with the user's notes in it: refused, exit 2, the notes and sub-folder stay.
    @Test func aFolderNinesDidNotWriteIsNotReplaced() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = dir.appendingPathComponent("sandbox")
        try FileManager.default.createDirectory(at: sandbox.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "a\n".write(to: sandbox.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let run = try Nines.run(["run", "cli.json", "--out", "sandbox", "--quiet"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("refusing to write to sandbox: the folder holds files Nines did not write"), "\(run.stderr)")
        #expect(try String(contentsOf: sandbox.appendingPathComponent("notes.md"), encoding: .utf8) == "a\n")
        #expect(FileManager.default.fileExists(atPath: sandbox.appendingPathComponent("sub").path))
        let merge = try Nines.run(["merge", "cli.json", "x/shard.json", "--out", "sandbox"], in: dir)
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("refusing to write to sandbox"))
    }

    /// Nines' own earlier report (it carries the manifest) is replaced whole; an empty folder is used.
    @Test func itsOwnReportAndAnEmptyFolderAreReplaced() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try Nines.run(["run", "cli.json", "--out", "empty", "--quiet"], in: dir).status == 0)
        #expect(try Nines.run(["run", "cli.json", "--out", "empty", "--quiet"], in: dir).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("empty").path)
        #expect(names.contains(".nines-output") && names.contains("report.html"))
    }

    /// A plain file, `.`, `..`, `/` and a device are refused and left as they were.
    @Test(arguments: ["file.txt", ".", "..", "/", "/dev/null", "sub/../.."])
    func filesDevicesAndAncestorsAreRefused(out: String) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "keep\n".write(to: dir.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        let run = try Nines.run(["run", "cli.json", "--out", out, "--quiet"], in: dir)
        #expect(run.status == 2, "\(out): \(run.stderr)")
        #expect(run.stderr.contains("refusing to write to \(out)"), "\(run.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("file.txt"), encoding: .utf8) == "keep\n")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cli.json").path))
    }

    /// `--junit` and `shrink --write` name files: a folder or device there is refused.
    @Test func fileWritersRefuseFoldersAndDevices() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let check = try Nines.run(["check", "cli.json", "--junit", "folder"], in: dir)
        #expect(check.status == 2)
        #expect(check.stderr.contains("refusing to write to folder: it is a folder"), "\(check.stderr)")
        let device = try Nines.run(["check", "cli.json", "--junit", "/dev/null"], in: dir)
        #expect(device.status == 2)
        #expect(device.stderr.contains("it is a device"))
    }

    /// A scenario named `..` or `.` (or with a slash, a leading dot, control characters, 101
    /// characters) is invalid before it can name a folder: nothing is written, the cwd survives.
    @Test(arguments: ["\"..\"", "\".\"", "\"a/b\"", "\".hidden\"", "\"tab\\there\"", "\"\(String(repeating: "x", count: 101))\"", "\"é\""])
    func unsafeScenarioNamesAreInvalid(name: String) throws {
        let dir = try Self.workspace(name: name)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Nines.run(["run", "named.json", "--quiet"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("$.name: expected a name of at most 100 ASCII letters"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cli.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("notebooks-out").path))
    }
}
