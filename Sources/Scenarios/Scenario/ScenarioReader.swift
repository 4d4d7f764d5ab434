import Simulation

/// Walks a parsed scenario, turning JSON values into typed values and every mistake into a
/// ``ScenarioError`` that names the JSON path. Unknown members are errors too (with a
/// did-you-mean hint), because a misspelt option silently ignored is a wrong answer later.
struct ScenarioReader {
    let value: JSONValue
    let path: String
    let context: Context

    /// Shared by every reader of one file; collects the file's errors, so that reading goes on
    /// past a mistake and validation reports them all at once.
    final class Context {
        let file: String
        let lines: [String: Int]
        /// The context of the file that named this one (a bundle names its coordinators): errors go there.
        private let parent: Context?
        private(set) var errors: [ScenarioError] = []
        private var unlisted = 0

        init(file: String, lines: [String: Int], parent: Context? = nil) {
            self.file = file
            self.lines = lines
            self.parent = parent
        }

        /// Notes an error (and the further ones it carries), with its line when the path is in this file.
        func record(_ error: ScenarioError) {
            let located = error.all.map { e in
                var e = e
                if e.line == nil, e.file == file { e.line = lines[e.path] }
                return e
            }
            append(located, unlisted: error.unlisted)
        }

        private func append(_ list: [ScenarioError], unlisted more: Int) {
            if let parent { return parent.append(list, unlisted: more) }
            for e in list {
                if errors.count < ScenarioLimits.maximumErrorsListed { errors.append(e) } else { unlisted += 1 }
            }
            unlisted += more
        }

        /// Every error recorded, as one error whose ``ScenarioError/further`` holds the rest; nil if
        /// none. In file order: by file (as first met), then line (those without one, such as a
        /// missing member, last), then as found.
        var failure: ScenarioError? {
            let files = errors.map(\.file).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let sorted = errors.enumerated().sorted { a, b in
                let ka = (files.firstIndex(of: a.element.file)!, a.element.line ?? Int.max, a.offset)
                let kb = (files.firstIndex(of: b.element.file)!, b.element.line ?? Int.max, b.offset)
                return ka < kb
            }.map(\.element)
            guard var first = sorted.first else { return nil }
            first.further = Array(sorted.dropFirst())
            first.unlisted = unlisted
            return first
        }
    }

    /// `read(self)`; a mistake is recorded in the context and gives nil, so the caller reads on.
    func recover<T>(_ read: (ScenarioReader) throws(ScenarioError) -> T) -> T? {
        do { return try read(self) } catch {
            context.record(error)
            return nil
        }
    }

    func fail(_ expected: String, hint: String? = nil) -> ScenarioError {
        ScenarioError(
            file: context.file, path: path, line: context.lines[path], expected: expected, found: value.summary,
            hint: hint)
    }

    /// The members of an object. A name not in `allowed` is recorded as an error (with a
    /// did-you-mean hint) and left out, so the known members are still read.
    func members(allowed: [String]) throws(ScenarioError) -> [String: ScenarioReader] {
        guard case .object(let members) = value else { throw fail("an object") }
        var readers: [String: ScenarioReader] = [:]
        for member in members {
            let child = ScenarioReader(value: member.value, path: path + "." + member.key, context: context)
            guard allowed.contains(member.key) else {
                context.record(unknownMember(member.key, allowed: allowed))
                continue
            }
            readers[member.key] = child
        }
        return readers
    }

    /// The error for member `key` of this object, which is none of `allowed`.
    func unknownMember(_ key: String, allowed: [String]) -> ScenarioError {
        // An unknown member is echoed in the error: keep its path short and printable.
        let fullPath = path + "." + key
        return ScenarioError(
            file: context.file, path: path + "." + JSONText.truncated(key, limit: 40), line: context.lines[fullPath],
            expected: "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "),
            found: "unknown member \(JSONText.quoted(key))",
            hint: Self.closest(to: key, in: allowed).map { "did you mean \"\($0)\"?" })
    }

    func elements() throws(ScenarioError) -> [ScenarioReader] {
        guard case .array(let elements) = value else { throw fail("an array") }
        return elements.enumerated().map { ScenarioReader(value: $1, path: "\(path)[\($0)]", context: context) }
    }

    func string() throws(ScenarioError) -> String {
        guard case .string(let s) = value else { throw fail("a string") }
        return s
    }

    func choice<T>(_ options: [(String, T)]) throws(ScenarioError) -> T {
        let names = options.map { "\"\($0.0)\"" }.joined(separator: ", ")
        guard case .string(let s) = value else { throw fail("one of \(names)") }
        guard let match = options.first(where: { $0.0 == s }) else {
            throw fail("one of \(names)", hint: Self.closest(to: s, in: options.map(\.0)).map { "did you mean \"\($0)\"?" })
        }
        return match.1
    }

    func bool() throws(ScenarioError) -> Bool {
        guard case .bool(let b) = value else { throw fail("true or false") }
        return b
    }

    func number(_ range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                _ expected: String = "a number") throws(ScenarioError) -> Double {
        guard case .number(let n) = value, range.contains(n) else { throw fail(expected) }
        return n
    }

    func probability() throws(ScenarioError) -> Double { try number(0...1, "a probability in [0, 1]") }

    func integer(min: Int, max: Int = Int(Int32.max)) throws(ScenarioError) -> Int {
        let expected = max == Int(Int32.max) ? "an integer ≥ \(min)" : "an integer in \(min)…\(max)"
        guard case .number(let n) = value, n == n.rounded(), n >= Double(min), n <= Double(max) else { throw fail(expected) }
        return Int(n)
    }

    func seed() throws(ScenarioError) -> UInt64 {
        guard case .number(let n) = value, n == n.rounded(), n >= 0, n < 9.007e15 else {
            throw fail("a non-negative integer below 2^53")
        }
        return UInt64(n)
    }

    static let longestDuration = ScenarioLimits.longestDuration
    static let shortestInterval = ScenarioLimits.shortestInterval

    /// A duration written with a unit: "250ms", "30d", at most `longest` (nil: anything the clock
    /// holds, for distribution parameters, whose draws the kernel saturates at the clock's end).
    func duration(positive: Bool = true, longest: SimDuration? = longestDuration) throws(ScenarioError) -> SimDuration {
        guard case .string(let s) = value else {
            throw fail("a duration string such as \"30s\" or \"4h\"", hint: "write durations with a unit")
        }
        guard let d = SimDuration(s), !positive || d.nanoseconds > 0 else {
            throw fail(positive ? "a positive duration such as \"30s\" or \"4h\"" : "a duration such as \"30s\"",
                       hint: "units are ns, us, ms, s, m, h, d")
        }
        if let longest, d > longest {
            throw fail("a duration of at most \(longest)", hint: "the simulated clock holds about 106751d")
        }
        return d
    }

    /// The period of something that repeats: between ``shortestInterval`` and `longest`.
    func interval(longest: SimDuration = longestDuration) throws(ScenarioError) -> SimDuration {
        let d = try duration()
        guard d >= Self.shortestInterval, d <= longest else {
            throw fail("an interval between \(Self.shortestInterval) and \(longest)", hint: "shorter ones never let the run finish")
        }
        return d
    }

    /// A duration that may be negative ("-30s"), e.g. a backward clock jump.
    func signedDuration() throws(ScenarioError) -> SimDuration {
        guard case .string(let s) = value else { throw fail("a duration string such as \"30s\" or \"-30s\"") }
        let negative = s.hasPrefix("-")
        guard let d = SimDuration(String(s.dropFirst(negative ? 1 : 0))), d <= Self.longestDuration else {
            throw fail("a duration such as \"30s\" or \"-30s\", at most \(Self.longestDuration)", hint: "units are ns, us, ms, s, m, h, d")
        }
        return negative ? .zero - d : d
    }

    /// The allowed name closest to `name` by edit distance, if close enough to be a typo.
    static func closest(to name: String, in allowed: [String]) -> String? {
        guard name.count <= 2 * (allowed.map(\.count).max() ?? 0) + 4 else { return nil }  // too long to be a typo
        let scored = allowed.map { ($0, editDistance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Optional where Wrapped == ScenarioReader {
    /// Reads the member, if present, into `target`; a mistake is recorded in the context and
    /// leaves `target` as it was, so the reader goes on to the next member.
    func read<T>(into target: inout T, _ read: (ScenarioReader) throws(ScenarioError) -> T) {
        guard let self, let value = self.recover(read) else { return }
        target = value
    }
}
