import Reliability

/// Writes ``JSONValue`` as text, byte for byte the same for the same value.
public enum JSONWriter {
    /// Pretty-printed with two-space indents and a final newline.
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// On one line, for JSON-lines outputs.
    public static func compact(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): return "[" + elements.map(compact).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { JSONObjectText.quote($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        default:
            var out = ""
            write(value, indent: 0, into: &out)
            return out
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += format(n)
        case .string(let s): out += JSONObjectText.quote(s)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            if elements.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                out += "[" + elements.map { compact($0) }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += i + 1 < elements.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += pad + JSONObjectText.quote(member.key) + ": "
                write(member.value, indent: indent + 1, into: &out)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Numbers: integers without a fraction, others in the shortest form that reads back to the
    /// same `Double` (Swift's own algorithm, the same on every platform); NaN and infinities as null.
    public static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        // Below 2^53 every integer is exact, so seeds (masked to 53 bits) print as integers.
        if n == n.rounded(), abs(n) < 0x1p53 { return String(Int64(n)) }
        return n.description
    }
}
