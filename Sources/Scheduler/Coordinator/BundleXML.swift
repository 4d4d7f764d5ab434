import Foundation

/// Reads Oozie's bundle XML (`<bundle-app>`, schema uri:oozie:bundle:0.1–0.2): its name and, in
/// order, each `<coordinator name>` with its `<app-path>`. `kick-off-time` and configurations are
/// not modelled: a bundle's coordinators start when it is submitted.
public enum BundleXML {
    /// One coordinator of a bundle: its name in the bundle and where its definition lives.
    public struct Coordinator: Equatable, Sendable {
        public var name: String
        public var appPath: String
    }

    /// The bundle in `data`; errors name `file`, the bundle and the element at fault.
    public static func parse(_ data: Data, file: String) -> Result<(name: String, coordinators: [Coordinator]), WorkflowErrors> {
        let root: XMLTree
        switch XMLTree.parseDefinition(data, file: file) {
        case .success(let tree): root = tree
        case .failure(let errors): return .failure(errors)
        }
        let name = root.attributes["name"] ?? ""
        func fail(_ element: XMLTree, _ message: String) -> Result<(name: String, coordinators: [Coordinator]), WorkflowErrors> {
            .failure(WorkflowErrors([WorkflowError(file: file, node: name, line: element.line, message: message)]))
        }
        guard root.localName == "bundle-app" else { return fail(root, "expected a <bundle-app> root element, found <\(root.name)>") }
        guard !name.isEmpty else { return fail(root, "<bundle-app> needs a 'name' attribute") }
        if let problem = OozieSchemas.namespaceProblem(root, known: OozieSchemas.bundle) { return fail(root, problem) }
        var coordinators: [Coordinator] = []
        for element in root.children("coordinator") {
            guard let coordinator = element.attributes["name"], !coordinator.isEmpty else {
                return fail(element, "<coordinator> needs a 'name' attribute")
            }
            guard let path = element.child("app-path")?.text.trimmed, !path.isEmpty else {
                return fail(element, "<coordinator name=\"\(coordinator)\"> needs an <app-path>")
            }
            coordinators.append(Coordinator(name: coordinator, appPath: path))
        }
        guard !coordinators.isEmpty else { return fail(root, "a bundle needs at least one <coordinator>") }
        return .success((name, coordinators))
    }
}
