import Testing
@testable import Simulation

@Suite struct DurationTests {
    @Test(arguments: [
        ("250ms", Int64(250_000_000)), ("2s", 2_000_000_000), ("15m", 900_000_000_000),
        ("4h", 14_400_000_000_000), ("365d", 31_536_000_000_000_000), ("10us", 10_000), ("7ns", 7),
    ])
    func parsesAndPrintsBack(text: String, nanoseconds: Int64) throws {
        let duration = try SimDuration(parsing: text)
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.description == text)
    }

    @Test func fractionsRoundToTheNanosecondAndPrintInTheLargestExactUnit() throws {
        #expect(try SimDuration(parsing: "1.5s").description == "1500ms")
        #expect(try SimDuration(parsing: "0.25h").description == "15m")
        #expect(SimDuration.seconds(120).description == "2m")
        #expect(SimDuration.zero.description == "0s")
        #expect(SimDuration(nanoseconds: -3_000_000_000).description == "-3s")
    }

    @Test(arguments: ["", "5", "5x", "-2s", "s", "1.2.3s", "nan s", "99999999999999d"])
    func rejectsBadText(text: String) {
        #expect(throws: DurationParseError(text: text)) { try SimDuration(parsing: text) }
        #expect(SimDuration(text) == nil)
    }

    @Test func errorNamesTheTextAndTheUnits() {
        let message = DurationParseError(text: "5x").description
        #expect(message.contains("\"5x\""))
        #expect(message.contains("ms, s, m, h or d"))
    }
}
