import Foundation

/// Finds scenario files: files as given, folders searched recursively for `*.json`, in sorted order.
public enum ScenarioFiles {
    public static func expand(_ paths: [String]) throws(ScenarioError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError(file: path, path: "$", expected: "a scenario file or folder", found: "no such file")
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasSuffix(".json") && name != "schema.json" && !relative.hasPrefix("workflows/") {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return files
    }
}
