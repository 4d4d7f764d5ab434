import Foundation

/// A JUnit XML report, the format CI systems read test results from: one `<testsuite>` per folder of
/// scenario files, named like the folder; a case per file, named by its path relative to the
/// working directory. A scenario that ran and missed an expectation is a `<failure>` (typed, with the
/// command that reproduces it in its body); one that could not run (invalid input) is an `<error>`.
public enum JUnitReport {
    /// How one case ended.
    public enum Result: Sendable, Equatable {
        case passed
        /// It ran and missed: `type` says what (`expectation`, `invariant`), `message` in one line,
        /// `body` the details and the command that reproduces it.
        case failure(type: String, message: String, body: String)
        /// It could not run: the input is invalid.
        case error(type: String, message: String)
    }

    public struct Case: Sendable {
        /// The scenario file, relative to the working directory.
        public var file: String
        public var seconds: Double
        public var result: Result
        public init(file: String, seconds: Double, result: Result) {
            self.file = file
            self.seconds = seconds
            self.result = result
        }
    }

    public static func render(cases: [Case]) -> String {
        var folders: [String] = []
        for c in cases where !folders.contains(folder(of: c.file)) { folders.append(folder(of: c.file)) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"nines check\"\(counts(cases))>\n"
        for name in folders {
            let suite = cases.filter { folder(of: $0.file) == name }
            xml += "  <testsuite name=\"\(Markup.escape(name))\"\(counts(suite))>\n"
            for c in suite { xml += testcase(c, classname: className(name)) }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func testcase(_ c: Case, classname: String) -> String {
        let head = "    <testcase classname=\"\(Markup.escape(classname))\" name=\"\(Markup.escape(c.file))\" "
            + "time=\"\(seconds(c.seconds))\""
        switch c.result {
        case .passed:
            return head + "/>\n"
        case .failure(let type, let message, let body):
            return head + ">\n      <failure type=\"\(Markup.escape(type))\" message=\"\(Markup.escape(message))\">"
                + Markup.escape(body) + "</failure>\n    </testcase>\n"
        case .error(let type, let message):
            return head + ">\n      <error type=\"\(Markup.escape(type))\" message=\"\(Markup.escape(message))\">"
                + Markup.escape(message) + "</error>\n    </testcase>\n"
        }
    }

    static func counts(_ cases: [Case]) -> String {
        let failures = cases.filter { if case .failure = $0.result { true } else { false } }.count
        let errors = cases.filter { if case .error = $0.result { true } else { false } }.count
        return " tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" "
            + "time=\"\(seconds(cases.reduce(0) { $0 + $1.seconds }))\""
    }

    /// The folder a file is in (`.` for the working directory itself).
    static func folder(of file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// A folder as a JUnit class name, the way CI systems group them: `scenarios/chaos` → `scenarios.chaos`.
    static func className(_ folder: String) -> String { folder.replacingOccurrences(of: "/", with: ".") }

    /// A path as the user reads it from the working directory: relative when it lies inside it.
    public static func relative(_ path: String, to directory: String) -> String {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            .standardizedFileURL.path
        let base = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), s) }
}
