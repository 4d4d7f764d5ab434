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
