/// `nines sweep` and `nines compare`: one scenario run under several settings (the cross product of
/// the `--set` values, in the order given, the last path varying fastest), or several scenario files,
/// each run as `nines run` would, then compared in one report.
public struct Sweep: Sendable {
    /// One design to run: how it differs from the base, and the validated scenario.
    public struct Variant: Sendable {
        /// `cluster.session_timeout=10s, cluster.zookeeper.servers=5`, or the file name for `compare`.
        public var label: String
        /// Per swept path, the value as written (empty for `compare`).
        public var settings: [String]
        public var scenario: Scenario
    }

    /// The swept paths (the CSV's parameter columns); empty for `compare`.
    public var parameters: [String]
    public var variants: [Variant]

    /// The variants of one scenario file's text under the overrides. Every variant is validated as
    /// a scenario file is: an invalid path or value is a ``ScenarioError`` naming the setting.
    /// `fixed` settings (`--replications`, `--duration`) apply to every variant and are not swept.
    public static func variants(of text: String, file: String, overrides: [ScenarioOverride],
                                fixed: [ScenarioOverride] = []) throws(ScenarioError) -> Sweep {
        var source: JSONValue
        do { source = try JSONParser.parse(text).value } catch {
            throw ScenarioError(file: file, path: "$", expected: "a JSON scenario", found: "\(error)")
        }
        for setting in fixed { source = try ScenarioOverride.set(setting.values[0], at: setting.path[...], in: source) }
        var combinations: [[Int]] = [[]]
        for override in overrides {
            combinations = combinations.flatMap { prefix in override.values.indices.map { prefix + [$0] } }
        }
        var variants: [Variant] = []
        for combination in combinations {
            var json = source
            var settings: [String] = []
            for (override, index) in zip(overrides, combination) {
                let setting = "\(override.pathText)=\(override.texts[index])"
                do {
                    json = try ScenarioOverride.set(override.values[index], at: override.path[...], in: json)
                    settings.append(override.texts[index])
                } catch {
                    throw ScenarioError(file: "--set \(setting)", path: error.path, expected: error.expected, found: error.found)
                }
            }
            let label = zip(overrides, settings).map { "\($0.pathText)=\($1)" }.joined(separator: ", ")
            do {
                variants.append(Variant(label: label, settings: settings,
                                        scenario: try ScenarioLoader.parse(JSONWriter.write(json), file: file)))
            } catch {
                // The line numbers are those of the rewritten text: drop them, name the setting.
                var named = error
                named.file = "\(file) with --set \(label)"
                named.line = nil
                throw named
            }
        }
        return Sweep(parameters: overrides.map(\.pathText), variants: variants)
    }

    /// Several scenario files side by side (`nines compare`), each labelled by its file.
    public static func comparing(_ scenarios: [(file: String, scenario: Scenario)]) -> Sweep {
        Sweep(parameters: [], variants: scenarios.map { Variant(label: $0.file, settings: [], scenario: $0.scenario) })
    }

    /// Runs every variant, one after another, each with its replications in parallel on `jobs`
    /// threads: the results, like `nines run`'s, do not depend on `jobs`.
    public func run(jobs: Int, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) -> [ScenarioResult] {
        var results: [ScenarioResult] = []
        for (i, variant) in variants.enumerated() {
            var perVariant: (@Sendable (Int, Int) -> Void)?
            if let progress { perVariant = { done, total in progress(i, done, total) } }
            results.append(ScenarioRun(scenario: variant.scenario, jobs: jobs, progress: perVariant).execute())
        }
        return results
    }
}
