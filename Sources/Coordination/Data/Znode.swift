/// One node of the data tree.
public struct Znode: Sendable {
    public var data: String
    public var stat: Stat
    /// Child names (unordered; sort before they leave the tree).
    public var children: Set<String> = []

    /// Records a child created or deleted by the transaction `zxid`.
    mutating func childChanged(_ name: String, added: Bool, zxid: Zxid) {
        if added { children.insert(name) } else { children.remove(name) }
        stat.cversion += 1
        stat.pzxid = zxid
        stat.numChildren += added ? 1 : -1
    }
}

/// Path arithmetic on absolute, slash-separated znode paths.
enum ZPath {
    static func isValid(_ path: String) -> Bool {
        path == "/" || (path.hasPrefix("/") && !path.hasSuffix("/") && !path.contains("//"))
    }
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "/" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
    /// ZooKeeper's `%010d` sequential suffix.
    static func sequenceSuffix(_ n: Int32) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }
}
