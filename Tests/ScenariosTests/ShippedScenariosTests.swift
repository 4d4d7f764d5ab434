import Foundation
import Testing
@testable import Scenarios

/// Every scenario under `scenarios/` is valid for the runner and against `scenarios/schema.json`.
@Suite struct ShippedScenariosTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    static var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".json") && path != "schema.json" && !path.hasPrefix("workflows/") { found.append(path) }
        }
        return found.sorted()
    }

    @Test func thereAreScenarios() { #expect(Self.files.count >= 3) }

    @Test func everyScenarioLoadsAndMatchesTheSchema() throws {
        let schemaText = try String(contentsOf: Self.root.appendingPathComponent("schema.json"), encoding: .utf8)
        let schema = try SchemaSubsetValidator(schema: try JSONParser.parse(schemaText).value)
        for file in Self.files {
            let path = Self.root.appendingPathComponent(file).path
            #expect(throws: Never.self, "\(file)") { try ScenarioLoader.load(file: path) }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let problems = schema.validate(try JSONParser.parse(text).value)
            #expect(problems.isEmpty, "\(file): \(problems)")
        }
    }

    @Test func theSchemaValidatorCatchesMistakes() throws {
        let schemaText = try String(contentsOf: Self.root.appendingPathComponent("schema.json"), encoding: .utf8)
        let schema = try SchemaSubsetValidator(schema: try JSONParser.parse(schemaText).value)
        let bad = try JSONParser.parse(#"{"name": "x y", "kind": "nope", "seed": -1, "duration": "5", "replications": 1, "extra": 1}"#).value
        let problems = schema.validate(bad)
        for path in ["$.name", "$.kind", "$.seed", "$.duration", "$.replications", "$.extra"] {
            #expect(problems.contains { $0.hasPrefix(path + ":") }, "\(path) not reported in \(problems)")
        }
    }
}
