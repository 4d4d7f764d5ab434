import Reliability

/// A JSON text that could not be parsed.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Parses JSON (RFC 8259) into ``JSONValue``, remembering where each object member starts.
///
/// Written here rather than taken from Foundation so that member order is kept, numbers and
/// booleans are never confused, and errors carry line and column on every platform. It is strict
/// where RFC 8259 is (numbers such as `+1`, `01`, `1.` or `.5`, invalid UTF-8 and lone surrogate
/// escapes are errors) and bounded where input could exhaust the process: nesting deeper than
/// ``Limits/depth`` and arrays longer than ``Limits/arrayElements`` are errors naming the path.
public struct JSONParser {
    /// How much a document may hold.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects.
        public var depth = 256
        /// Most elements in one array.
        public var arrayElements = 100_000
        /// Longest member name, in bytes (paths are built from names; long ones would make them huge).
        public var memberNameBytes = 256
        public init(depth: Int = 256, arrayElements: Int = 100_000, memberNameBytes: Int = 256) {
            self.depth = depth
            self.arrayElements = arrayElements
            self.memberNameBytes = memberNameBytes
        }
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var index = 0
    private var depth = 0
    /// Where line counting stopped (`position()` resumes there, so counting lines is linear overall).
    private var counted = (index: 0, line: 1, lineStart: 0)
    /// Line of each value, keyed by its JSON path (e.g. `$.topology.servers`).
    public private(set) var lines: [String: Int] = [:]

    private init(_ bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses a whole document; also returns the line where each path's value starts.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(JSONSyntaxError) -> (value: JSONValue, lines: [String: Int]) {
        try parse(Array(text.utf8), limits: limits)
    }

    /// Parses a document given as bytes, which must be UTF-8.
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits()) throws(JSONSyntaxError) -> (value: JSONValue, lines: [String: Int]) {
        var parser = JSONParser(bytes, limits: limits)
        parser.skipWhitespace()
        let value = try parser.parseValue(path: "$")
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the document") }
        return (value, parser.lines)
    }

    private mutating func position() -> (line: Int, column: Int) {
        let end = min(index, bytes.count)
        if end < counted.index { counted = (0, 1, 0) }  // only after an error rewinds
        var (i, line, lineStart) = counted
        while i < end {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
            i += 1
        }
        counted = (i, line, lineStart)
        return (line, end - lineStart + 1)
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        let (line, column) = position()
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue(path: String) throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        if path.utf8.count <= 4096 { lines[path] = position().line }  // error lines for paths a message can show
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < limits.depth else {
                throw error("nesting deeper than \(limits.depth) levels at \(JSONText.truncated(path, limit: 120))")
            }
            depth += 1
            defer { depth -= 1 }
            return bytes[index] == UInt8(ascii: "{") ? try parseObject(path: path) : try parseArray(path: path)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw error("invalid literal, expected \(word)") }
            index += 1
        }
    }

    private mutating func parseObject(path: String) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object([]) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let keyStart = index
            let key = try parseString()
            guard index - keyStart - 2 <= limits.memberNameBytes else {
                index = keyStart
                throw error("a member name longer than \(limits.memberNameBytes) bytes: \(JSONText.quoted(key))")
            }
            guard keys.insert(key).inserted else { throw error("duplicate member \(JSONText.quoted(key))") }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after \(JSONText.quoted(key))") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(path: path + "." + key)))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray(path: String) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array([]) }
        while true {
            guard elements.count < limits.arrayElements else {
                throw error("more than \(limits.arrayElements) elements in the array at \(JSONText.truncated(path, limit: 120))")
            }
            skipWhitespace()
            elements.append(try parseValue(path: "\(path)[\(elements.count)]"))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var scalars: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)  // valid: every byte was checked
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &scalars)
            case 0..<0x20: throw error("control character in a string (escape it, e.g. \\n)")
            case 0x20..<0x80:
                scalars.append(byte)
                index += 1
            default:
                let length = Self.validUTF8Length(bytes, at: index)
                guard length > 0 else { throw error("invalid UTF-8 in a string") }
                scalars.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseEscape(into scalars: inout [UInt8]) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw error("unterminated string") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by an escaped low one; together they name one scalar.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a lone surrogate \\u\(String(code, radix: 16)) in a string")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate \\u\(String(code, radix: 16)) in a string") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw error("a lone surrogate \\u\(String(code, radix: 16)) in a string")
            }
            scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
        default: throw error("invalid escape in a string")
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape, expected four hex digits") }
        var code: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexDigit(byte) else { throw error("invalid \\u escape, expected four hex digits") }
            code = code << 4 | digit
        }
        index += 4
        return code
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF)
    /// starting at `i` with a non-ASCII byte, or 0.
    static func validUTF8Length(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return 0 }
        for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        func invalid(_ why: String) -> JSONSyntaxError {
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index = start
            return text.isEmpty ? error("unexpected character, expected a value") : error("invalid number \(JSONText.truncated(text, limit: 40)): \(why)")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else {
            throw invalid(bytes[start..<index].isEmpty && index < bytes.count && bytes[index] == UInt8(ascii: "+")
                ? "a leading '+' is not JSON" : "expected a digit")
        }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw invalid("leading zeros are not JSON") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw invalid("expected a digit after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw invalid("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw invalid("out of the range of a double") }
        return value
    }
}

/// Echoing user text in messages: escaped (no control characters reach a terminal) and truncated.
public enum JSONText {
    /// `text` as a JSON string literal, cut to `limit` characters with "…".
    public static func quoted(_ text: String, limit: Int = 40) -> String {
        JSONObjectText.quote(text.count > limit ? String(text.prefix(limit)) + "…" : text)
    }

    /// `text` cut to `limit` characters with "…", control characters escaped.
    public static func truncated(_ text: String, limit: Int) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
        let quoted = JSONObjectText.quote(cut)
        return String(quoted.dropFirst().dropLast())
    }
}
