import Foundation
import Testing

/// Runs the built `nines` binary in separate processes: same seed ⇒ same bytes.
@Suite struct CrossProcessDeterminismTests {
    @Test func theDemoPrintsTheSameBytesInTwoProcessesAndDiffersForAnotherSeed() throws {
        let first = try Nines.run(["demo", "--json", "--seed", "7", "--duration", "2d"])
        let second = try Nines.run(["demo", "--json", "--seed", "7", "--duration", "2d"])
        let other = try Nines.run(["demo", "--json", "--seed", "8", "--duration", "2d"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"digest\""))
        #expect(first.stdout != other.stdout)
    }
}

/// Runs the `nines` executable that `swift test` built beside the test bundle.
enum Nines {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("nines").path)
            && directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("nines")
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
