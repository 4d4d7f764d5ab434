import Foundation

/// Where Nines may write, decided before anything is written.
///
/// Nines replaces only what it made: a folder it wrote carries a small manifest file
/// (``manifestName``), and only such a folder (or an empty one, or nothing) may be replaced.
/// Plain files, devices, links, the working directory, `/` and every ancestor of the working
/// directory are refused, whatever they hold.
public enum OutputTarget {
    /// The file that marks a folder as Nines' own output; its contents never change, so outputs stay byte-identical.
    public static let manifestName = ".nines-output"
    static let manifestText = "This folder is a report written by nines; nines replaces it whole when it writes here again.\n"

    /// The absolute, lexically normalised form of `path` (`.` and `..` resolved against the working directory).
    public static func absolute(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path with every symbolic link resolved, when it exists.
    static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Throws unless Nines may replace `path` with a folder of its own.
    public static func checkFolder(_ path: String) throws(OutputRefusal) {
        let target = absolute(path)
        try checkNotAnAncestor(path, target)
        var info = stat()
        guard lstat(target, &info) == 0 else { return }  // nothing there: nothing to lose
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw OutputRefusal(path: path, reason: "it is a symbolic link; name the folder it points to")
        case S_IFREG: throw OutputRefusal(path: path, reason: "it is a file, not a folder Nines wrote")
        default: throw OutputRefusal(path: path, reason: "it is a device or other special file")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        guard entries.isEmpty || entries.contains(manifestName) else {
            throw OutputRefusal(
                path: path,
                reason: "the folder holds files Nines did not write (it has no \(manifestName)); "
                    + "choose a new or empty folder, or remove this one yourself")
        }
    }

    /// Throws unless `path` names a plain file (or nothing) that a report file may replace.
    public static func checkFile(_ path: String) throws(OutputRefusal) {
        let target = absolute(path)
        try checkNotAnAncestor(path, target)
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw OutputRefusal(path: path, reason: "it is a folder, not a file")
        case S_IFLNK: throw OutputRefusal(path: path, reason: "it is a symbolic link; name the file it points to")
        default: throw OutputRefusal(path: path, reason: "it is a device or other special file")
        }
    }

    /// `/`, the working directory and its ancestors are never replaced, under any name.
    private static func checkNotAnAncestor(_ path: String, _ target: String) throws(OutputRefusal) {
        let cwd = real(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        for candidate in [target, real(target)].compactMap({ $0 }) {
            if candidate == "/" { throw OutputRefusal(path: path, reason: "it is the root folder") }
            if cwd == candidate || cwd.hasPrefix(candidate + "/") {
                throw OutputRefusal(path: path, reason: "it is the working directory or one of its parents")
            }
        }
    }
}

/// Nines will not write to a path: which, and why. Exit code 2 (invalid input).
public struct OutputRefusal: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "refusing to write to \(path): \(reason); nothing was written" }
}
