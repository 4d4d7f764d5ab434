import Foundation

/// Reads a file a user named, refusing folders, devices and files too large to be a scenario.
public enum InputFile {
    /// The largest input file read (scenarios, workloads, shard files): 64 MiB.
    public static let maximumBytes = 64 << 20

    /// The bytes of `path`; every problem is a ``ScenarioError`` naming the file.
    public static func read(_ path: String, expected: String) throws(ScenarioError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ScenarioError(file: path, path: "$", expected: expected, found: "no such file")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ScenarioError(file: path, path: "$", expected: expected, found: "a folder")
        default: throw ScenarioError(file: path, path: "$", expected: expected, found: "a device or other special file")
        }
        guard info.st_size <= maximumBytes else {
            throw ScenarioError(
                file: path, path: "$", expected: "a file of at most \(maximumBytes >> 20) MiB", found: "\(info.st_size) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, path: "$", expected: expected, found: "a file that cannot be read")
        }
        return Array(data)
    }
}
