import Testing
@testable import Scenarios

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueAndKeepsMemberOrder() throws {
        let text = #"{"b": 1, "a": [true, false, null, -2.5e3, "x\"\u00e9\n"], "c": {}}"#
        let (value, lines) = try JSONParser.parse(text)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        #expect(value["a"] == .array([.bool(true), .bool(false), .null, .number(-2500), .string("x\"é\n")]))
        #expect(lines["$.a[3]"] == 1)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, "expected a member name in quotes"),
        ("{\"a\" 1}", 1, "expected ':' after \"a\""),
        ("[1, 2", 1, "unexpected end of input inside an array"),
        ("{\n\"a\": tru}", 2, "invalid literal, expected true"),
        ("{\"a\": 1, \"a\": 2}", 1, "duplicate member \"a\""),
        ("[1] x", 1, "unexpected text after the document"),
    ])
    func syntaxErrorsSayWhereAndWhat(text: String, line: Int, message: String) {
        #expect { try JSONParser.parse(text) } throws: { error in
            let e = error as! JSONSyntaxError
            return e.line == line && e.message == message
        }
    }

    @Test func writerRoundTripsAndIsStable() throws {
        let value: JSONValue = .object([
            ("z", .number(0.1)), ("a", .array([.number(1), .number(2.5)])), ("s", .string("q\"\\\t")),
            ("n", .null), ("o", .object([("x", .bool(true))])), ("big", .number(1.5e-12)),
        ])
        let text = JSONWriter.write(value)
        #expect(try JSONParser.parse(text).value == value)
        #expect(text.hasPrefix("{\n  \"z\": 0.1,\n  \"a\": [1, 2.5],"))
        #expect(JSONWriter.format(1.5e-12) == "1.5e-12")
        #expect(JSONWriter.format(.nan) == "null")
    }
}

/// Issue 11: RFC 8259 strictness and limits, each an error with a position instead of a guess or a crash.
@Suite struct JSONStrictnessTests {
    @Test(arguments: [
        ("+17", "a leading '+' is not JSON"), ("017", "leading zeros are not JSON"), ("17.", "expected a digit after '.'"),
        (".9", "invalid number .9: expected a digit"), ("1e", "expected a digit in the exponent"),
        ("1e400", "out of the range of a double"), ("[\"\\ud800\"]", "a lone surrogate \\ud800 in a string"),
        ("[\"\\udc00\"]", "a lone surrogate \\udc00 in a string"), ("[\"\\u12\"]", "invalid \\u escape, expected four hex digits"),
    ])
    func rejectsWhatRFC8259Rejects(text: String, message: String) {
        #expect { try JSONParser.parse(text) } throws: { error in
            (error as! JSONSyntaxError).message.contains(message)
        }
    }

    @Test func acceptsSurrogatePairsAndValidUTF8() throws {
        #expect(try JSONParser.parse("[\"\\ud83d\\ude00\", \"é\", -0.5e-3, 0]").value
            == .array([.string("😀"), .string("é"), .number(-0.0005), .number(0)]))
    }

    @Test(arguments: [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect { try JSONParser.parse(bytes) } throws: { error in
            (error as! JSONSyntaxError).message == "invalid UTF-8 in a string"
        }
    }

    @Test func nestingAndArraysAreBounded() {
        #expect { try JSONParser.parse(String(repeating: "[", count: 10_000)) } throws: { error in
            let e = error as! JSONSyntaxError
            return e.message.hasPrefix("nesting deeper than 256 levels at $[0][0]") && e.column == 257
        }
        #expect(throws: Never.self) { try JSONParser.parse(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) }
        let wide = "[" + Array(repeating: "1", count: 100_001).joined(separator: ",") + "]"
        #expect { try JSONParser.parse(wide) } throws: { error in
            (error as! JSONSyntaxError).message == "more than 100000 elements in the array at $"
        }
    }

    /// Lines are counted once overall: a wide document parses in linear time (it was quadratic).
    @Test func linesAreRightAfterManyValues() throws {
        let text = "[\n" + Array(repeating: "1", count: 50_000).joined(separator: ",\n") + "\n]"
        let (_, lines) = try JSONParser.parse(text)
        #expect(lines["$[49999]"] == 50_001)
    }
}
