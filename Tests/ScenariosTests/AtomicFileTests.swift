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
}
