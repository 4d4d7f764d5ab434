/// What built this `nines`: its version and the Swift toolchain, printed by `nines --version` and
/// written into `summary.json` and the report, so a claim of byte-identical outputs names what it holds
/// for. Both are fixed when the binary is compiled; nothing here is read at run time.
public enum BuildInfo {
    /// The release version, the one place it is written (semantic versioning).
    public static let version = "0.9.0"

    /// The Swift language mode and compiler the binary was built with, to the minor version.
    public static let toolchain: String = {
        #if compiler(>=6.4)
        let compiler = "Swift 6.4 or later"
        #elseif compiler(>=6.3)
        let compiler = "Swift 6.3"
        #elseif compiler(>=6.2)
        let compiler = "Swift 6.2"
        #elseif compiler(>=6.1)
        let compiler = "Swift 6.1"
        #else
        let compiler = "Swift 6.0"
        #endif
        return compiler + " on " + platform
    }()

    /// Operating system and architecture: floating-point library results may differ between them.
    static let platform: String = {
        #if os(Linux)
        let os = "linux"
        #elseif os(macOS)
        let os = "macos"
        #else
        let os = "other"
        #endif
        #if arch(x86_64)
        return os + "-x86_64"
        #elseif arch(arm64)
        return os + "-arm64"
        #else
        return os + "-other"
        #endif
    }()

    /// `nines 0.9.0 (Swift 6.3 on linux-x86_64)`.
    public static var description: String { "nines \(version) (\(toolchain))" }
}
