import Simulation

/// A seeded mutator for fuzzing the readers: input `i` of a campaign with seed `s` is always the
/// same bytes, so a crash found by a long campaign is replayed from `(s, i)` alone.
public struct Mutator {
    /// The inputs mutated: the shipped scenario and definition files, as bytes.
    public let corpus: [[UInt8]]

    public init(corpus: [[UInt8]]) {
        precondition(!corpus.isEmpty, "a mutator needs at least one input to mutate")
        self.corpus = corpus
    }

    /// Text that has broken readers before: huge and tiny numbers, durations past the clock,
    /// dates at its end, path names, lone surrogates, deep nesting, processing instructions.
    static let tokens: [String] = [
        "1e308", "-1", "0", "1e-320", "99999999999", "9223372036854775807", "+17", "017", "17.", ".9", "\"106751d\"",
        "\"106752d\"", "\"0s\"", "\"1ns\"", "\"36500d\"", "\"9999-12-31T23:59Z\"", "\"..\"", "\".\"", "\"a/b\"", "\"\\ud800\"",
        "null", "true", "{}", "[]", "\"\"", String(repeating: "[", count: 300), String(repeating: "{\"a\":", count: 300),
        "<?pi?>", "<w>", "</w>", "<![CDATA[x]]>", "&amp;", "&x;", "<!DOCTYPE a [<!ENTITY x \"y\">]>",
        "xmlns=\"uri:oozie:workflow:9.9\"", "<frobnicate/>", "\u{FF}", "\u{0}", "\"exponential\"", "\"deterministic\"",
        "\"weibull\"", "{\"deterministic\": \"0s\"}", "{\"weibull\": {\"shape\": 0.001, \"mean\": \"1h\"}}",
    ]

    /// Input `index` of the campaign seeded `seed`: a corpus file with one to four mutations.
    public func input(seed: UInt64, index: Int) -> [UInt8] {
        var random = StreamSeed(seed).derive("fuzz", index).stream
        var bytes = corpus[random.nextInt(below: corpus.count)]
        for _ in 0...random.nextInt(below: 4) { mutate(&bytes, &random) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], _ random: inout RandomStream) {
        let position = bytes.isEmpty ? 0 : random.nextInt(below: bytes.count + 1)
        let span = min(bytes.count - position, 1 + random.nextInt(below: 64))
        switch random.nextInt(below: 7) {
        case 0 where position < bytes.count:
            bytes[position] ^= UInt8(1) << UInt8(random.nextInt(below: 8))
        case 1 where position < bytes.count:
            let specials = Array("{}[]\":,0123456789.-+eE\\<>/?!&; \n".utf8) + [0x00, 0xFF, 0xC0, 0x80]
            bytes[position] = specials[random.nextInt(below: specials.count)]
        case 2:
            bytes.removeSubrange(position..<position + span)
        case 3:
            let copy = Array(bytes[position..<position + span])
            bytes.insert(contentsOf: copy, at: random.nextInt(below: bytes.count + 1))
        case 4:
            let other = corpus[random.nextInt(below: corpus.count)]
            let from = random.nextInt(below: other.count + 1)
            bytes.insert(contentsOf: other[from..<min(other.count, from + 1 + random.nextInt(below: 256))], at: position)
        case 5:
            replaceValue(&bytes, at: position, with: Array(Self.tokens[random.nextInt(below: Self.tokens.count)].utf8))
        default:
            bytes.insert(contentsOf: Array(Self.tokens[random.nextInt(below: Self.tokens.count)].utf8), at: position)
        }
    }

    /// Replaces the quoted string or number that starts at or after `position` (the mutations
    /// that reach a reader's range checks rather than its syntax errors).
    private func replaceValue(_ bytes: inout [UInt8], at position: Int, with token: [UInt8]) {
        let valueStart: (UInt8) -> Bool = { $0 == UInt8(ascii: "\"") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard let start = bytes[position...].firstIndex(where: valueStart) else {
            bytes.insert(contentsOf: token, at: position)
            return
        }
        var end = start + 1
        if bytes[start] == UInt8(ascii: "\"") {
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
            end = min(end + 1, bytes.count)
        } else {
            while end < bytes.count, "0123456789.eE+-".utf8.contains(bytes[end]) { end += 1 }
        }
        bytes.replaceSubrange(start..<end, with: token)
    }
}
