import Foundation

/// Writes a set of files into a folder all at once: they are written into a hidden sibling
/// folder first and moved into place only when every file is complete, so a failed or
/// interrupted run never leaves a half-written report behind. It replaces only a folder that
/// ``OutputTarget`` allows (one it wrote before, marked by its manifest, or an empty one).
public struct AtomicOutput {
    public let directory: URL
    private var files: [(name: String, contents: String)] = []

    public init(directory: URL) { self.directory = directory }

    /// Throws when the folder may not be replaced; call it before spending time on a run.
    public func checkTarget() throws(OutputRefusal) { try OutputTarget.checkFolder(directory.relativePath) }

    public mutating func add(_ name: String, _ contents: String) { files.append((name, contents)) }

    /// Writes every file and swaps the folder into place.
    public func commit() throws {
        try checkTarget()
        let fm = FileManager.default
        // `x/..` and `.` resolved first, so the folder moved aside is the one that was checked.
        let directory = URL(fileURLWithPath: OutputTarget.absolute(self.directory.relativePath))
        let parent = directory.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        // A fresh uniquely named sibling (mkdtemp), so nothing that was there before is touched;
        // the folder moved aside takes a name derived from it and is never an existing path
        // (moveItem fails rather than replaces).
        let staging = try uniqueSibling(parent.appendingPathComponent(".\(directory.lastPathComponent).partial-"), folder: true)
        let retired = URL(fileURLWithPath: staging.path + ".old")
        do {
            try Data(OutputTarget.manifestText.utf8).write(to: staging.appendingPathComponent(OutputTarget.manifestName))
            for file in files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            }
            if fm.fileExists(atPath: directory.path) { try fm.moveItem(at: directory, to: retired) }
            try fm.moveItem(at: staging, to: directory)
            try? fm.removeItem(at: retired)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: directory.path), fm.fileExists(atPath: retired.path) {
                try? fm.moveItem(at: retired, to: directory)
            }
            throw error
        }
    }
}

/// Writes one file atomically: a temporary sibling, then a rename over the target.
public struct AtomicFile {
    public let path: String
    public init(path: String) { self.path = path }

    /// Refuses (``OutputRefusal``) a folder, device, link or the working directory's ancestors.
    public func write(_ contents: String) throws {
        try OutputTarget.checkFile(path)
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = try uniqueSibling(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-"), folder: false)
        do {
            try Data(contents.utf8).write(to: temporary)
            // rename(2) replaces an existing target atomically; Foundation's replaceItemAt fails
            // on Linux when the target exists.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// Creates a new, uniquely named folder or empty file at `prefix` + six random characters
/// (mkdtemp(3) / mkstemp(3)), so a temporary of Nines' never takes the place of a user's file.
/// The name is not part of any output, so its randomness reaches no result.
private func uniqueSibling(_ prefix: URL, folder: Bool) throws -> URL {
    var template = Array((prefix.path + "XXXXXX").utf8CString)
    let made: Bool = template.withUnsafeMutableBufferPointer { buffer in
        // mkdtemp/mkstemp make them private (0700, 0600); a report is as readable as any file.
        if folder { return mkdtemp(buffer.baseAddress!) != nil && chmod(buffer.baseAddress!, 0o755) == 0 }
        let fd = mkstemp(buffer.baseAddress!)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fchmod(fd, 0o644) == 0
    }
    guard made else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: prefix.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
    }
    return URL(fileURLWithPath: template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
}
