/// A model parameter outside its domain: which one, what was expected and what was found.
///
/// The checks below are the single source of truth for parameter domains; the CLI calls them with
/// its option names (`--lambda`), the builders with the model's symbols (`λ`).
public struct ParameterError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The parameter or option name.
    public let name: String
    /// What a valid value looks like.
    public let expected: String
    /// The value that was given, as text.
    public let found: String

    public init(name: String, expected: String, found: String) {
        self.name = name
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(name): expected \(expected), found \(found)" }
}

/// Domain checks that return the value or throw a ``ParameterError``.
public enum ParameterCheck {
    /// A probability in [0, 1].
    public static func probability(_ value: Double, name: String) throws(ParameterError) -> Double {
        guard value.isFinite && (0...1).contains(value) else {
            throw ParameterError(name: name, expected: "a probability in [0, 1]", found: text(value))
        }
        return value
    }

    /// A finite rate ≥ 0.
    public static func nonNegativeRate(_ value: Double, name: String) throws(ParameterError) -> Double {
        guard value.isFinite && value >= 0 else {
            throw ParameterError(name: name, expected: "a finite rate ≥ 0", found: text(value))
        }
        return value
    }

    /// A finite rate > 0.
    public static func positiveRate(_ value: Double, name: String) throws(ParameterError) -> Double {
        guard value.isFinite && value > 0 else {
            throw ParameterError(name: name, expected: "a finite rate > 0", found: text(value))
        }
        return value
    }

    /// A finite duration > 0 (a mean time such as MTTF).
    public static func positiveTime(_ value: Double, name: String) throws(ParameterError) -> Double {
        guard value.isFinite && value > 0 else {
            throw ParameterError(name: name, expected: "a finite time > 0", found: text(value))
        }
        return value
    }

    /// A finite duration ≥ 0 (a point in time, a switchover time).
    public static func nonNegativeTime(_ value: Double, name: String) throws(ParameterError) -> Double {
        guard value.isFinite && value >= 0 else {
            throw ParameterError(name: name, expected: "a finite time ≥ 0", found: text(value))
        }
        return value
    }

    /// An integer in a closed range.
    public static func integer(_ value: Int, in range: ClosedRange<Int>, name: String) throws(ParameterError) -> Int {
        guard range.contains(value) else {
            let expected =
                range.upperBound == Int.max
                ? "an integer ≥ \(range.lowerBound)" : "an integer in \(range.lowerBound)...\(range.upperBound)"
            throw ParameterError(name: name, expected: expected, found: String(value))
        }
        return value
    }

    /// An integer from a set of allowed values.
    public static func integer(_ value: Int, oneOf allowed: [Int], name: String) throws(ParameterError) -> Int {
        guard allowed.contains(value) else {
            let list = allowed.map(String.init).joined(separator: " or ")
            throw ParameterError(name: name, expected: list, found: String(value))
        }
        return value
    }

    private static func text(_ value: Double) -> String {
        value.isNaN ? "NaN" : NumberText.format(value)
    }
}
