/// One `--set PATH=V1,V2,…` of `nines sweep`: a scenario JSON path and the values it takes.
///
/// The path is dotted (`cluster.session_timeout`, `cluster.zookeeper.servers`, `faults.0.at`); each value
/// is read as JSON when it is a number, `true`, `false`, `null` or a quoted string, and as a string
/// otherwise (`10s`). Values are separated by commas, so a value cannot hold one.
public struct ScenarioOverride: Sendable, Equatable {
    public var path: [String]
    public var values: [JSONValue]
    /// The values as the user wrote them, for labels and CSV columns.
    public var texts: [String]

    /// `cluster.session_timeout` as the user wrote it.
    public var pathText: String { path.joined(separator: ".") }

    /// Reads `PATH=V1,V2,…`.
    public init(parsing argument: String) throws(ScenarioError) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let bad = { (expected: String, found: String) in
            ScenarioError(file: "--set \(argument)", path: "$", expected: expected, found: found)
        }
        guard parts.count == 2, !parts[0].isEmpty else { throw bad("PATH=V1,V2,…", "no '='") }
        let path = parts[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { throw bad("a dotted JSON path such as cluster.session_timeout", "\"\(parts[0])\"") }
        let texts = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !texts.contains(where: \.isEmpty) else { throw bad("values separated by commas", "an empty value in \"\(parts[1])\"") }
        var seen: [String] = []
        for text in texts {
            guard !seen.contains(text) else { throw bad("distinct values", "\(text) twice") }
            seen.append(text)
        }
        self.path = path
        self.texts = texts
        self.values = texts.map(Self.value)
    }

    static func value(_ text: String) -> JSONValue {
        if let parsed = try? JSONParser.parse(text).value {
            switch parsed {
            case .number, .bool, .null, .string: return parsed
            case .array, .object: break
            }
        }
        return .string(text)
    }

    /// `json` with the value at `path` replaced (or added: an absent optional setting is set).
    /// An absent object on the way is created; a non-object (or an array index out of range) is an error.
    static func set(_ value: JSONValue, at path: ArraySlice<String>, in json: JSONValue, prefix: String = "$")
        throws(ScenarioError) -> JSONValue {
        guard let key = path.first else { return value }
        let here = prefix + "." + key
        switch json {
        case .object(var members):
            if let i = members.firstIndex(where: { $0.key == key }) {
                members[i].value = try set(value, at: path.dropFirst(), in: members[i].value, prefix: here)
            } else {
                members.append((key, try set(value, at: path.dropFirst(), in: .object([]), prefix: here)))
            }
            return .object(members)
        case .array(var items):
            guard let i = Int(key), items.indices.contains(i) else {
                throw ScenarioError(path: prefix, expected: "an index 0…\(items.count - 1)", found: "\"\(key)\"")
            }
            items[i] = try set(value, at: path.dropFirst(), in: items[i], prefix: prefix + "[\(i)]")
            return .array(items)
        default:
            throw ScenarioError(path: prefix, expected: "an object to hold \"\(key)\"", found: json.summary)
        }
    }
}
