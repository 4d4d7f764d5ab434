/// Builds one JSON object as text with keys in insertion order, so output never depends on
/// `Dictionary` iteration order. Numbers use ``NumberText/format(_:)``; non-finite numbers are a
/// bug in the caller (JSON cannot carry them) and trap.
public struct JSONObjectText: Sendable {
    private var members: [String] = []

    public init() {}

    /// Appends `"key": number`.
    public mutating func add(_ key: String, _ value: Double) {
        precondition(value.isFinite, "JSON value for \(key) is \(value)")
        members.append("\(Self.quote(key)): \(NumberText.format(value))")
    }

    /// Appends `"key": integer`.
    public mutating func add(_ key: String, _ value: Int) {
        members.append("\(Self.quote(key)): \(value)")
    }

    /// Appends `"key": "string"`.
    public mutating func add(_ key: String, _ value: String) {
        members.append("\(Self.quote(key)): \(Self.quote(value))")
    }

    /// Appends `"key": [numbers]`.
    public mutating func add(_ key: String, _ values: [Double]) {
        precondition(values.allSatisfy(\.isFinite), "JSON array \(key) has a non-finite value")
        members.append("\(Self.quote(key)): [\(values.map(NumberText.format).joined(separator: ", "))]")
    }

    /// Appends `"key": {nested object}`.
    public mutating func add(_ key: String, _ object: JSONObjectText) {
        members.append("\(Self.quote(key)): \(object.text)")
    }

    /// The object, e.g. `{"a": 1, "b": [0.5, 0.5]}`.
    public var text: String { "{" + members.joined(separator: ", ") + "}" }

    /// A JSON string literal with the escapes RFC 8259 requires (also the scenario JSON writer's).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
