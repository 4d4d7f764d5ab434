import Foundation
@testable import Scenarios

/// Validates JSON against the subset of JSON Schema (2020-12) that `scenarios/schema.json` uses:
/// type, enum, const, required, properties, additionalProperties, items, minItems, minimum,
/// maximum, exclusiveMinimum, pattern, minProperties, maxProperties, oneOf, anyOf, $ref to $defs.
/// Unknown keywords make the validator refuse the schema, so it never silently passes.
struct SchemaSubsetValidator {
    let schema: JSONValue
    static let known: Set<String> = [
        "$schema", "$id", "title", "description", "type", "enum", "const", "required", "properties",
        "additionalProperties", "items", "minItems", "minimum", "maximum", "exclusiveMinimum", "pattern",
        "minProperties", "maxProperties", "oneOf", "anyOf", "$ref", "$defs",
    ]

    struct UnsupportedKeyword: Error { let keyword: String }

    init(schema: JSONValue) throws {
        self.schema = schema
        try Self.checkKeywords(schema)
    }

    static func checkKeywords(_ node: JSONValue) throws {
        guard case .object(let members) = node else { return }
        for m in members {
            guard known.contains(m.key) else { throw UnsupportedKeyword(keyword: m.key) }
            switch m.key {
            case "properties", "$defs":
                if case .object(let children) = m.value { for c in children { try checkKeywords(c.value) } }
            case "oneOf", "anyOf":
                if case .array(let children) = m.value { for c in children { try checkKeywords(c) } }
            case "items", "additionalProperties": try checkKeywords(m.value)
            default: break
            }
        }
    }

    func validate(_ value: JSONValue) -> [String] { check(value, against: schema, path: "$") }

    private func resolve(_ node: JSONValue) -> JSONValue {
        guard case .string(let ref)? = node["$ref"], ref.hasPrefix("#/$defs/") else { return node }
        return schema["$defs"]?[String(ref.dropFirst(8))] ?? node
    }

    private func check(_ value: JSONValue, against raw: JSONValue, path: String) -> [String] {
        let node = resolve(raw)
        var problems: [String] = []
        func fail(_ message: String) { problems.append("\(path): \(message)") }
        if case .string(let type)? = node["type"], !Self.matches(value, type) { fail("not of type \(type)"); return problems }
        if case .array(let options)? = node["enum"], !options.contains(value) { fail("not one of the allowed values") }
        if let c = node["const"], c != value { fail("not the constant") }
        if case .number(let n) = value {
            if case .number(let min)? = node["minimum"], n < min { fail("below minimum \(min)") }
            if case .number(let max)? = node["maximum"], n > max { fail("above maximum \(max)") }
            if case .number(let min)? = node["exclusiveMinimum"], n <= min { fail("not above \(min)") }
        }
        if case .string(let s) = value, case .string(let pattern)? = node["pattern"],
            s.range(of: pattern, options: .regularExpression) == nil
        {
            fail("does not match \(pattern)")
        }
        if case .array(let elements) = value {
            if case .number(let min)? = node["minItems"], Double(elements.count) < min { fail("fewer than \(min) items") }
            if let items = node["items"] {
                for (i, e) in elements.enumerated() { problems += check(e, against: items, path: "\(path)[\(i)]") }
            }
        }
        if case .object(let members) = value {
            if case .array(let required)? = node["required"] {
                for case .string(let key) in required where value[key] == nil { fail("missing \(key)") }
            }
            if case .number(let min)? = node["minProperties"], Double(members.count) < min { fail("too few members") }
            if case .number(let max)? = node["maxProperties"], Double(members.count) > max { fail("too many members") }
            for m in members {
                if let sub = node["properties"]?[m.key] {
                    problems += check(m.value, against: sub, path: "\(path).\(m.key)")
                } else if node["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(m.key): not allowed")
                } else if let sub = node["additionalProperties"], case .object = sub {
                    problems += check(m.value, against: sub, path: "\(path).\(m.key)")
                }
            }
        }
        if case .array(let options)? = node["oneOf"] {
            let passing = options.filter { check(value, against: $0, path: path).isEmpty }.count
            if passing != 1 { fail("matches \(passing) of the oneOf alternatives, expected exactly 1") }
        }
        if case .array(let options)? = node["anyOf"], !options.contains(where: { check(value, against: $0, path: path).isEmpty }) {
            fail("matches none of the anyOf alternatives")
        }
        return problems
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("number", .number): return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }
}
