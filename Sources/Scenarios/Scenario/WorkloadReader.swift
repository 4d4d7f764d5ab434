import Foundation
import Scheduler
import Simulation

/// Reads the `workload` member of a cluster. Each coordinator or bundle is a file named relative to
/// the file that names it (Oozie XML or the JSON format) or a JSON object written inline; a bundle's
/// coordinators are named the same way, relative to the bundle file.
enum WorkloadReader {
    static func read(_ r: ScenarioReader, probeWorkflow: ValidatedWorkflow) throws(ScenarioError) -> ClusterWorkload {
        let m = try r.members(allowed: [
            "workflows", "coordinators", "bundles", "lateness", "follow_interval", "request_timeout", "retry_backoff",
        ])
        var workload = ClusterWorkload()
        // Each entry on its own: a mistake in one is recorded and the others are still read.
        for entry in m["workflows"]?.recover({ r throws(ScenarioError) in try r.elements() }) ?? [] {
            if let workflow = entry.recover({ r throws(ScenarioError) in try ClusterReader.workflow(r, context: r.context) }) {
                workload.workflows.append(workflow)
            }
        }
        let workflows = [probeWorkflow.name] + workload.workflows.map(\.name)
        var names: [String] = []
        func unique(_ name: String, _ entry: ScenarioReader) throws(ScenarioError) {
            guard !names.contains(name) else {
                throw entry.fail("coordinator and bundle names unique in the workload", hint: "\"\(name)\" is used twice")
            }
            names.append(name)
        }
        for entry in m["coordinators"]?.recover({ r throws(ScenarioError) in try r.elements() }) ?? [] {
            for spec in entry.recover({ r throws(ScenarioError) in try coordinators(r, workflows: workflows) }) ?? [] {
                _ = entry.recover { e throws(ScenarioError) in try unique(spec.name, e) }
                workload.coordinators.append(spec)
            }
        }
        for entry in m["bundles"]?.recover({ r throws(ScenarioError) in try r.elements() }) ?? [] {
            guard let bundle = entry.recover({ r throws(ScenarioError) in try bundle(r, workflows: workflows) }) else { continue }
            for name in [bundle.name] + bundle.coordinators.map(\.name) {
                _ = entry.recover { e throws(ScenarioError) in try unique(name, e) }
            }
            workload.bundles.append(bundle)
        }
        m["lateness"].read(into: &workload.lateness) { r throws(ScenarioError) in try r.duration() }
        m["follow_interval"].read(into: &workload.client.followInterval) { r throws(ScenarioError) in try r.interval() }
        m["request_timeout"].read(into: &workload.client.requestTimeout) { r throws(ScenarioError) in try r.interval() }
        m["retry_backoff"].read(into: &workload.client.retryBackoff) { r throws(ScenarioError) in try r.interval() }
        return workload
    }

    /// The coordinators of one entry (a JSON file may hold an array), each running a known workflow.
    static func coordinators(_ r: ScenarioReader, workflows: [String]) throws(ScenarioError) -> [CoordinatorSpec] {
        let (data, file) = try ClusterReader.definition(
            r, expected: "a coordinator file (Oozie coordinator XML or JSON) relative to the scenario")
        let specs = try coordinators(data, file: file, at: r)
        for spec in specs { try check(spec, workflows: workflows, at: r) }
        return specs
    }

    /// A coordinator must run a workflow the servers know.
    static func check(_ spec: CoordinatorSpec, workflows: [String], at r: ScenarioReader) throws(ScenarioError) {
        guard !workflows.contains(spec.workflow) else { return }
        throw ScenarioError(
            file: r.context.file, path: r.path, line: r.context.lines[r.path],
            expected: "a coordinator running one of the workflows " + workflows.map { "\"\($0)\"" }.joined(separator: ", "),
            found: "coordinator \"\(spec.name)\" runs workflow \"\(spec.workflow)\"",
            hint: "name the cluster's workflow, or add it to workload.workflows")
    }

    /// Parses coordinator XML (when the text starts with `<`) or JSON; errors are reported at `r`.
    static func coordinators(_ data: Data, file: String, at r: ScenarioReader) throws(ScenarioError) -> [CoordinatorSpec] {
        let parsed = WorkflowLoader.isXML(data) ? CoordinatorXML.parse(data, file: file).map { [$0] } : CoordinatorJSON.parse(data, file: file)
        switch parsed {
        case .success(let specs): return specs
        case .failure(let errors):
            throw ScenarioError(
                file: r.context.file, path: r.path, line: r.context.lines[r.path],
                expected: "a valid coordinator (Oozie coordinator XML or JSON)", found: "\(errors)")
        }
    }

    /// A bundle: inline `{"name": …, "coordinators": [entries]}`, or such a JSON file, or Oozie bundle XML.
    static func bundle(_ r: ScenarioReader, workflows: [String]) throws(ScenarioError) -> ClusterWorkload.Bundle {
        if case .object = r.value { return try jsonBundle(r, workflows: workflows) }
        let (data, file) = try ClusterReader.definition(r, expected: "a bundle file (Oozie bundle XML or JSON) relative to the scenario")
        guard WorkflowLoader.isXML(data) else {
            let parsed: (value: JSONValue, lines: [String: Int])
            do { parsed = try JSONParser.parse(Array(data)) } catch {
                throw ScenarioError(file: file, path: "$", line: error.line, expected: "a JSON bundle", found: error.message)
            }
            let context = ScenarioReader.Context(file: file, lines: parsed.lines, parent: r.context)
            return try jsonBundle(ScenarioReader(value: parsed.value, path: "$", context: context), workflows: workflows)
        }
        switch BundleXML.parse(data, file: file) {
        case .failure(let errors):
            throw ScenarioError(
                file: r.context.file, path: r.path, line: r.context.lines[r.path], expected: "a valid bundle (Oozie bundle XML or JSON)",
                found: "\(errors)")
        case .success(let bundle):
            let base = URL(fileURLWithPath: file).deletingLastPathComponent()
            var specs: [CoordinatorSpec] = []
            for coordinator in bundle.coordinators {
                // The app path's last part names a coordinator file beside the bundle, or a directory holding coordinator.xml.
                let last = String(coordinator.appPath.split(separator: "/").last ?? "")
                let url = base.appendingPathComponent(last.contains(".") ? last : last + "/coordinator.xml")
                guard let contents = FileManager.default.contents(atPath: url.path) else {
                    throw r.fail(
                        "a bundle whose coordinators' app-paths name files beside it",
                        hint: "coordinator \"\(coordinator.name)\" of \(file): no file at \(url.path)")
                }
                for var spec in try coordinators(contents, file: url.path, at: r) {
                    spec.name = coordinator.name
                    try check(spec, workflows: workflows, at: r)
                    specs.append(spec)
                }
            }
            return ClusterWorkload.Bundle(name: bundle.name, coordinators: specs)
        }
    }

    static func jsonBundle(_ r: ScenarioReader, workflows: [String]) throws(ScenarioError) -> ClusterWorkload.Bundle {
        let m = try r.members(allowed: ["name", "coordinators"])
        guard let name = m["name"], let list = m["coordinators"] else { throw r.fail("an object with \"name\" and \"coordinators\"") }
        var specs: [CoordinatorSpec] = []
        for entry in try list.elements() { specs += try coordinators(entry, workflows: workflows) }
        guard !specs.isEmpty else { throw list.fail("at least one coordinator") }
        return ClusterWorkload.Bundle(name: try name.string(), coordinators: specs)
    }
}
