/// The namespaces and action types Oozie's schemas define, so that a definition written for
/// another version (`uri:oozie:workflow:9.9`) or with an unknown action (`<frobnicate>`) is
/// reported instead of silently simulated.
///
/// Source: apache/oozie `client/src/main/resources/`: `oozie-workflow-{0.1,0.2,0.2.5,0.3,0.4,
/// 0.4.5,0.5,0.6,1.0}.xsd`, `oozie-coordinator-0.1…0.5.xsd`, `oozie-bundle-0.1…0.2.xsd`; the
/// workflow schema's ACTION choice (map-reduce, pig, sub-workflow, fs, java) and the extension
/// action schemas beside it (distcp, email, git, hive, hive2, shell, spark, sqoop, ssh).
enum OozieSchemas {
    static let workflow = ["0.1", "0.2", "0.2.5", "0.3", "0.4", "0.4.5", "0.5", "0.6", "1.0"].map { "uri:oozie:workflow:" + $0 }
    static let coordinator = ["0.1", "0.2", "0.3", "0.4", "0.5"].map { "uri:oozie:coordinator:" + $0 }
    static let bundle = ["0.1", "0.2"].map { "uri:oozie:bundle:" + $0 }
    static let actionTypes = [
        "map-reduce", "pig", "sub-workflow", "fs", "java", "distcp", "email", "git", "hive", "hive2", "shell", "spark", "sqoop", "ssh",
    ]

    /// An error message when `root` declares a namespace outside `known`; nil when it is known or
    /// absent (files written for Nines alone may leave it out).
    static func namespaceProblem(_ root: XMLTree, known: [String]) -> String? {
        guard let namespace = root.namespace, !known.contains(namespace) else { return nil }
        return "unknown namespace \"\(namespace)\" for <\(root.localName)>; Oozie's are \(known.joined(separator: ", "))"
    }
}
