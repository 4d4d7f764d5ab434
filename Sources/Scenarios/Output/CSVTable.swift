import Foundation

/// A CSV table (RFC 4180: comma-separated, CRLF-free LF lines, fields quoted when they need it).
///
/// Built in memory and written in one piece; docs/style.md explains why not a CSV package.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// Appends a row; it must have one field per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row needs \(header.count) fields, got \(row.count)")
        rows.append(row)
    }

    public var text: String {
        ([header] + rows).map { $0.map(Self.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as it appears in every output: exact (reads back to the same value), empty when absent.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return JSONWriter.format(value)
    }
}
