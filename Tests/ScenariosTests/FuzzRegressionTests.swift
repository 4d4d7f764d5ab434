import Foundation
import Testing
@testable import Scenarios

/// Issue 11: the crashers found by fuzzing are errors now, and a bounded seeded campaign runs in CI.
/// A crash ends the test process; `nines fuzz --target T --seed S --show I` prints the input that did it.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Tests/Fuzz/corpus")

    static func files(_ suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Every saved crasher is rejected with a message that names the file (none is valid).
    /// `*.scenario.json` are scenarios (slow or huge to run), other `*.json` JSON texts, `*.xml` definitions.
    @Test func savedCrashersAreRejectedWithTheFileNamed() throws {
        for name in try Self.files(".xml") + Self.files(".json") {
            let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            let target: FuzzTarget = name.hasSuffix(".xml") ? .definition : name.hasSuffix(".scenario.json") ? .scenario : .json
            guard case .rejected(let message) = target.feed(bytes, file: name) else {
                Issue.record("\(name) was accepted")
                continue
            }
            #expect(message.hasPrefix(name), "\(message)")
        }
    }

    @Test(arguments: [
        ("<w><?pi?></w>", "expected a <workflow-app> root element"),
        ("<a><b></a>", "Opening and ending tag mismatch: b line 1 and a"),
        ("<a>" + String(repeating: "<a>", count: 300), "Excessive depth in document: 256"),
    ])
    func xmlErrorsAreSentencesWithLines(text: String, message: String) {
        guard case .rejected(let error) = FuzzTarget.definition.feed(Array(text.utf8), file: "w.xml") else {
            Issue.record("accepted")
            return
        }
        #expect(error.contains(message), "\(error)")
        #expect(error.hasPrefix("w.xml:1:"))
    }

    /// A seeded mutational campaign, small enough for CI (a fixed number of inputs, not a time):
    /// mutants of the shipped files through each reader, and a few accepted scenarios run briefly.
    @Test(arguments: FuzzTarget.allCases)
    func aBoundedCampaignFindsNoCrash(target: FuzzTarget) throws {
        let inputs = Int(ProcessInfo.processInfo.environment["NINES_FUZZ_INPUTS"] ?? "") ?? 300
        let folder = Self.root.appendingPathComponent(target == .definition ? "scenarios/workflows" : "scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { target == .definition ? $0.hasSuffix(".xml") || $0.hasSuffix(".json") : $0.hasSuffix(".json") }
        let mutator = Mutator(corpus: try names.map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) })
        let file = folder.appendingPathComponent("fuzz-input.json").path
        var rejected = 0, runs = 0
        for index in 0..<inputs {
            switch target.feed(mutator.input(seed: 2026, index: index), file: file) {
            case .rejected(let message):
                rejected += 1
                #expect(message.hasPrefix(file), "input \(index): \(message)")
            case .accepted(let scenario):
                if let scenario, runs < 3 {
                    _ = FuzzTarget.run(scenario, atMost: .minutes(10))
                    runs += 1
                }
            }
        }
        #expect(rejected > inputs / 10, "mutations that never break anything test nothing")
    }
}
