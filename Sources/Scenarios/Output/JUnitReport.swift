import Foundation

/// A JUnit XML report, the format CI systems read test results from.
public enum JUnitReport {
    public struct Case: Sendable {
        public var name: String
        public var seconds: Double
        /// Why it failed; nil when it passed.
        public var failure: String?
        public init(name: String, seconds: Double, failure: String?) {
            self.name = name
            self.seconds = seconds
            self.failure = failure
        }
    }

    public static func render(suite: String, cases: [Case]) -> String {
        let failures = cases.filter { $0.failure != nil }.count
        let total = cases.reduce(0) { $0 + $1.seconds }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(cases.count)\" failures=\"\(failures)\" time=\"\(seconds(total))\">\n"
        xml += "  <testsuite name=\"\(Markup.escape(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\" time=\"\(seconds(total))\">\n"
        for c in cases {
            xml += "    <testcase classname=\"\(Markup.escape(suite))\" name=\"\(Markup.escape(c.name))\" time=\"\(seconds(c.seconds))\""
            if let failure = c.failure {
                xml += ">\n      <failure message=\"\(Markup.escape(failure))\"/>\n    </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), s) }
}
