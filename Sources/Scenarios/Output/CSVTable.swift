/// A CSV table as RFC 4180 defines it: a header line, then one line per row, each ended by CRLF;
/// a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
///
/// Rows are kept as fields and written in one pass into one pre-sized buffer: a small buffered writer
/// of our own (docs/style.md says why not a CSV package). Column names carry their unit
/// (`duration_seconds`); docs/outputs.md is the dictionary of every column Nines writes.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) {
        precondition(!header.isEmpty && Set(header).count == header.count, "a CSV header needs distinct column names")
        self.header = header
    }

    /// Appends a row; it must have one field per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row needs \(header.count) fields, got \(row.count)")
        rows.append(row)
    }

    /// The file's bytes: header and rows, every line ended by CRLF.
    public var text: String {
        var buffer = ""
        buffer.reserveCapacity((rows.count + 1) * header.count * 12)
        for line in [header] + rows {
            for (i, field) in line.enumerated() {
                if i > 0 { buffer.append(",") }
                Self.write(field, into: &buffer)
            }
            buffer.append("\r\n")
        }
        return buffer
    }

    /// One field, quoted when it has to be.
    static func write(_ field: String, into buffer: inout String) {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
        else {
            buffer.append(field)
            return
        }
        buffer.append("\"")
        for character in field.unicodeScalars {
            if character == "\"" { buffer.append("\"") }
            buffer.unicodeScalars.append(character)
        }
        buffer.append("\"")
    }

    /// A number as it appears in every output: exact (reads back to the same value), empty when absent.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return JSONWriter.format(value)
    }
}
