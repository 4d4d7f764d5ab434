import Simulation

/// Walks a parsed scenario, turning JSON values into typed values and every mistake into a
/// ``ScenarioError`` that names the JSON path. Unknown members are errors too (with a
/// did-you-mean hint), because a misspelt option silently ignored is a wrong answer later.
struct ScenarioReader {
    let value: JSONValue
    let path: String
    let context: Context

    /// Shared by every reader of one file.
    final class Context {
        let file: String
        let lines: [String: Int]
        init(file: String, lines: [String: Int]) {
            self.file = file
            self.lines = lines
        }
    }

    func fail(_ expected: String, hint: String? = nil) -> ScenarioError {
        ScenarioError(
            file: context.file, path: path, line: context.lines[path], expected: expected, found: value.summary,
            hint: hint)
    }

    /// The members of an object, rejecting names not in `allowed`.
    func members(allowed: [String]) throws(ScenarioError) -> [String: ScenarioReader] {
        guard case .object(let members) = value else { throw fail("an object") }
        var readers: [String: ScenarioReader] = [:]
        for member in members {
            let child = ScenarioReader(value: member.value, path: path + "." + member.key, context: context)
            // An unknown member is echoed in the error: keep its path short and printable.
            let shownPath = allowed.contains(member.key) ? child.path : path + "." + JSONText.truncated(member.key, limit: 40)
            guard allowed.contains(member.key) else {
                let hint = Self.closest(to: member.key, in: allowed).map { "did you mean \"\($0)\"?" }
                throw ScenarioError(
                    file: context.file, path: shownPath, line: context.lines[child.path],
                    expected: "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "),
                    found: "unknown member \(JSONText.quoted(member.key))", hint: hint)
            }
            readers[member.key] = child
        }
        return readers
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
