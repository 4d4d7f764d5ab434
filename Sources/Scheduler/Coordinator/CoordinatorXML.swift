import Foundation
import Simulation

/// Reads Oozie's coordinator XML (`<coordinator-app>`, schema uri:oozie:coordinator:0.1–0.5).
///
/// Understood: `frequency`, `start`, `end` (UTC, `yyyy-MM-ddTHH:mmZ`), `controls` (`timeout` in
/// minutes, −1 = never; `concurrency`; `execution`; `throttle`), `datasets` (`frequency`,
/// `initial-instance`), `input-events`/`data-in` (`instance`, or `start-instance`/`end-instance`
/// as `${coord:current(n)}`), `output-events`/`data-out`, and the action's workflow (the last part
/// of `app-path` names the app). Frequencies: minutes, `${coord:minutes(n)}`, `${coord:hours(n)}`,
/// `${coord:days(n)}` (days of 24 h; the simulator has no calendar or time zones). Times become
/// offsets from `epoch` (by default the coordinator's own start).
public enum CoordinatorXML {
    /// The coordinator in `data`; errors name `file`, the coordinator and the element at fault.
    public static func parse(_ data: Data, file: String, epoch: String? = nil) -> Result<CoordinatorSpec, WorkflowErrors> {
        let root: XMLTree
        switch XMLTree.parseDefinition(data, file: file) {
        case .success(let tree): root = tree
        case .failure(let errors): return .failure(errors)
        }
        let name = root.attributes["name"] ?? ""
        func fail(_ element: XMLTree, _ message: String) -> Result<CoordinatorSpec, WorkflowErrors> {
            .failure(WorkflowErrors([WorkflowError(file: file, node: name, line: element.line, message: message)]))
        }
        guard root.localName == "coordinator-app" else {
            return fail(root, "expected a <coordinator-app> root element, found <\(root.name)>")
        }
        if let problem = OozieSchemas.namespaceProblem(root, known: OozieSchemas.coordinator) { return fail(root, problem) }
        do {
            return .success(try read(root, name: name, epoch: epoch))
        } catch let problem as ElementProblem {
            return fail(problem.element, problem.message)
        } catch {
            return fail(root, "\(error)")
        }
    }

    struct ElementProblem: Error {
        var element: XMLTree
        var message: String
    }

    static func read(_ root: XMLTree, name: String, epoch: String?) throws -> CoordinatorSpec {
        func attribute(_ element: XMLTree, _ key: String) throws -> String {
            guard let value = element.attributes[key], !value.isEmpty else {
                throw ElementProblem(element: element, message: "<\(element.localName)> needs a '\(key)' attribute")
            }
            return value
        }
        let startMinutes = try minutes(try attribute(root, "start"), root, "start")
        let zero = try epoch.map { try minutes($0, root, "epoch") } ?? startMinutes
        func time(_ text: String, _ element: XMLTree, _ field: String) throws -> SimTime {
            .zero + (try span(try minutes(text, element, field) - zero, element, field))
        }
        var datasets: [String: Dataset] = [:]
        for element in root.child("datasets")?.children("dataset") ?? [] {
            let dataset = Dataset(
                name: try attribute(element, "name"), frequency: try frequency(try attribute(element, "frequency"), element),
                initialInstance: try time(try attribute(element, "initial-instance"), element, "initial-instance"))
            datasets[dataset.name] = dataset
        }
        func dataset(_ element: XMLTree) throws -> Dataset {
            let named = try attribute(element, "dataset")
            guard let d = datasets[named] else { throw ElementProblem(element: element, message: "unknown dataset '\(named)'") }
            return d
        }
        var inputs: [DataInput] = []
        for element in root.child("input-events")?.children("data-in") ?? [] {
            let range: ClosedRange<Int>
            if let instance = element.child("instance") {
                let n = try current(instance)
                range = n...n
            } else if let from = element.child("start-instance"), let to = element.child("end-instance") {
                let (a, b) = (try current(from), try current(to))
                guard a <= b else { throw ElementProblem(element: element, message: "start-instance is after end-instance") }
                range = a...b
            } else {
                throw ElementProblem(element: element, message: "<data-in> needs <instance> or <start-instance> and <end-instance>")
            }
            inputs.append(DataInput(dataset: try dataset(element), instances: range))
        }
        var outputs: [DataOutput] = []
        for element in root.child("output-events")?.children("data-out") ?? [] {
            guard let instance = element.child("instance") else {
                throw ElementProblem(element: element, message: "<data-out> needs <instance>")
            }
            outputs.append(DataOutput(dataset: try dataset(element), offset: try current(instance)))
        }
        guard let appPath = root.child("action")?.child("workflow")?.child("app-path")?.text.trimmed, !appPath.isEmpty else {
            throw ElementProblem(element: root, message: "<action><workflow><app-path> is missing")
        }
        let controls = root.child("controls")
        func control(_ key: String) throws -> Int? {
            guard let element = controls?.child(key) else { return nil }
            guard let value = Int(element.text.trimmed) else {
                throw ElementProblem(element: element, message: "<\(key)> must be an integer, found \"\(element.text.trimmed)\"")
            }
            return value
        }
        let timeoutMinutes = try control("timeout") ?? 120
        var execution = ExecutionOrder.fifo
        if let element = controls?.child("execution") {
            guard let order = ExecutionOrder(rawValue: element.text.trimmed) else {
                throw ElementProblem(element: element, message: "<execution> must be FIFO, LIFO or LAST_ONLY")
            }
            execution = order
        }
        let spec = CoordinatorSpec(
            name: name, workflow: String(appPath.split(separator: "/").last ?? Substring(appPath)),
            start: .zero + (try span(startMinutes - zero, root, "start")), end: try time(try attribute(root, "end"), root, "end"),
            frequency: try frequency(try attribute(root, "frequency"), root), concurrency: try control("concurrency") ?? 1,
            timeout: timeoutMinutes < 0 ? nil : try span(Int64(timeoutMinutes), controls?.child("timeout") ?? root, "timeout"),
            execution: execution,
            throttle: try control("throttle") ?? 12, inputs: inputs, outputs: outputs)
        if let problem = spec.problems().first { throw ElementProblem(element: root, message: problem) }
        return spec
    }

    /// `60`, `${coord:minutes(60)}`, `${coord:hours(1)}`, `${coord:days(1)}`.
    static func frequency(_ text: String, _ element: XMLTree) throws -> SimDuration {
        let body = text.trimmed
        if let minutes = Int64(body) { return try span(minutes, element, "frequency") }
        for (function, unit) in [("coord:minutes(", Int64(1)), ("coord:hours(", 60), ("coord:days(", 1_440)] {
            let prefix = "${" + function
            if body.hasPrefix(prefix), body.hasSuffix(")}"), let n = Int64(body.dropFirst(prefix.count).dropLast(2)) {
                let (minutes, overflow) = n.multipliedReportingOverflow(by: unit)
                return try span(overflow ? .max : minutes, element, "frequency")
            }
        }
        throw ElementProblem(
            element: element,
            message: "unsupported frequency \"\(text)\" (minutes, ${coord:minutes(n)}, ${coord:hours(n)} or ${coord:days(n)})")
    }

    /// The longest span a coordinator may name, in minutes: 36,500 days, as long as a scenario
    /// may run (the simulated clock holds about 106,751 days).
    static let longestSpanMinutes: Int64 = 36_500 * 1_440

    /// `minutes` as a duration, or an error when it is longer than ``longestSpanMinutes`` either way
    /// (a dataset's first instance may lie before the start; signs are checked by `problems()`).
    static func span(_ minutes: Int64, _ element: XMLTree, _ field: String) throws -> SimDuration {
        guard (-longestSpanMinutes...longestSpanMinutes).contains(minutes) else {
            throw ElementProblem(
                element: element, message: "\(field): \(minutes) minutes is more than 36500 days (\(longestSpanMinutes) minutes)")
        }
        return .minutes(minutes)
    }

    /// `${coord:current(n)}` → n.
    static func current(_ element: XMLTree) throws -> Int {
        let body = element.text.trimmed
        let prefix = "${coord:current("
        guard body.hasPrefix(prefix), body.hasSuffix(")}"), let n = Int(body.dropFirst(prefix.count).dropLast(2).trimmingCharacters(in: .whitespaces)) else {
            throw ElementProblem(element: element, message: "unsupported instance \"\(body)\" (expected ${coord:current(n)})")
        }
        return n
    }

    /// Minutes since 1970-01-01T00:00Z of `yyyy-MM-ddTHH:mmZ`, by integer calendar arithmetic
    /// (Howard Hinnant's days-from-civil), so no time zone or locale can change it.
    static func minutes(_ text: String, _ element: XMLTree, _ field: String) throws -> Int64 {
        let t = text.trimmed
        let parts = t.split(whereSeparator: { "-T:Z".contains($0) }).map { Int64($0) }
        guard t.hasSuffix("Z"), parts.count == 5, parts.allSatisfy({ $0 != nil }) else {
            throw ElementProblem(element: element, message: "\(field): expected a UTC time like 2009-01-01T01:00Z, found \"\(text)\"")
        }
        let (y0, m, d, hh, mm) = (parts[0]!, parts[1]!, parts[2]!, parts[3]!, parts[4]!)
        guard (1...9999).contains(y0), (1...12).contains(m), (1...31).contains(d), (0...23).contains(hh), (0...59).contains(mm) else {
            throw ElementProblem(element: element, message: "\(field): \"\(text)\" is not a date and time (years 1…9999)")
        }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 1_440 + hh * 60 + mm
    }
}
