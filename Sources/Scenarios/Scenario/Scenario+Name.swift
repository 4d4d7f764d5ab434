extension Scenario {
    /// The longest scenario name; it becomes a folder name, which file systems limit to 255 bytes.
    public static let maximumNameLength = 100

    /// Whether `name` may become a folder name: ASCII letters, digits, `-`, `_` and `.`, not starting
    /// with `.` (so never `.`, `..` or a hidden folder), no `/`, no control characters, at most
    /// ``maximumNameLength`` characters.
    public static func isSafeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= maximumNameLength else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.".utf8.contains(byte)
        }
    }
}
