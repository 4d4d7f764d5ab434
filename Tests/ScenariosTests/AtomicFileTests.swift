import Foundation
import Testing
@testable import Scenarios

@Suite struct AtomicFileTests {
    /// Writing over an existing file replaces it whole and leaves no temporary sibling.
    @Test func overwritesAnExistingFileAndLeavesNothingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nines-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("scenario.json").path
        try AtomicFile(path: path).write("first, and longer than the second\n")
        try AtomicFile(path: path).write("second\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scenario.json"])
    }

    /// The temporaries are new unique names: a user's file named as the old fixed ones
    /// (`.name.partial-<pid>`, `.name.old-<pid>`) is neither replaced nor deleted, and what is
    /// written is readable like any file (mkstemp/mkdtemp alone would leave it private).
    @Test func temporariesNeverTakeTheNameOfAUsersFile() throws {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("nines-atomic-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let mine = [".scenario.json.partial-\(getpid())", ".report.partial-\(getpid())", ".report.old-\(getpid())"]
        for name in mine { try Data("user's\n".utf8).write(to: folder.appendingPathComponent(name)) }
        try AtomicFile(path: folder.appendingPathComponent("scenario.json").path).write("x\n")
        var report = AtomicOutput(directory: folder.appendingPathComponent("report"))
        report.add("a.txt", "1")
        try report.commit()
        try report.commit()
        #expect(try fm.contentsOfDirectory(atPath: folder.path).sorted() == (mine + ["report", "scenario.json"]).sorted())
        for name in mine { #expect(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) == "user's\n") }
        let fileMode = try fm.attributesOfItem(atPath: folder.appendingPathComponent("scenario.json").path)[.posixPermissions] as? Int
        let folderMode = try fm.attributesOfItem(atPath: folder.appendingPathComponent("report").path)[.posixPermissions] as? Int
        #expect(fileMode == 0o644 && folderMode == 0o755)
    }
}
