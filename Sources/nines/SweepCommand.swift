import ArgumentParser
import Foundation
import Scenarios

/// `nines sweep`: one scenario under several settings, compared in one report.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario for each value of one or more settings (the cross product) and compare them.",
        discussion: """
            Example: nines sweep scenarios/quickstart.json --set cluster.zookeeper.servers=3,5 --set cluster.probe.interval=10s,30s
            PATH is a dotted JSON path of the scenario file; values are JSON numbers, true/false or strings.
            Writes sweep.csv and sweep.html to notebooks-out/<scenario>-sweep/. Exit 2 on an invalid path or value.
            """)

    @Argument(help: "The scenario file.") var file: String
    @Option(name: .customLong("set"), help: "PATH=V1,V2,…: a setting and its values (repeatable).") var settings: [String] = []
    @Option(help: "Override the number of replications of every variant.") var replications: Int?
    @Option(help: "Override the simulated duration of every variant, e.g. 30d.") var duration: String?
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?
    @Option(help: "Output folder (default: notebooks-out/<scenario>-sweep).") var out: String?
    @Flag(help: "No progress bar.") var quiet = false
    @OptionGroup var workLimit: WorkLimitOptions

    func run() throws {
        guard !settings.isEmpty else {
            printError("error: --set: expected at least one PATH=V1,V2,…")
            throw ExitCode.invalidInput
        }
        let sweep: Sweep
        do {
            let overrides = try settings.map { (s: String) throws(ScenarioError) in try ScenarioOverride(parsing: s) }
            var fixed: [ScenarioOverride] = []
            if let replications { fixed.append(try ScenarioOverride(parsing: "replications=\(replications)")) }
            if let duration { fixed.append(try ScenarioOverride(parsing: "duration=\(duration)")) }
            let text = try String(contentsOfFile: file, encoding: .utf8)
            sweep = try Sweep.variants(of: text, file: file, overrides: overrides, fixed: fixed)
        } catch {
            printError((error as? ScenarioError)?.message ?? "error: \(file): \(error.localizedDescription)")
            throw ExitCode.invalidInput
        }
        for variant in sweep.variants { try workLimit.check(variant.scenario, file: file) }
        try runAndWrite(sweep, jobs: jobs, out: out ?? "notebooks-out/\(sweep.variants[0].scenario.name)-sweep", quiet: quiet)
    }
}

/// `nines compare`: two (or more) scenario files, compared in one report.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run two or more scenario files (designs) and compare them in one report.",
        discussion: "Writes sweep.csv and sweep.html to notebooks-out/compare-<a>-<b>/.")

    @Argument(help: "The scenario files.") var files: [String]
    @Option(help: "Replications run in parallel (default: every core).") var jobs: Int?
    @Option(help: "Output folder (default: notebooks-out/compare-<a>-<b>).") var out: String?
    @Flag(help: "No progress bar.") var quiet = false
    @OptionGroup var workLimit: WorkLimitOptions

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("expected at least two scenario files, found \(files.count)") }
    }

    func run() throws {
        let scenarios = try files.map { (file: $0, scenario: try loadScenario($0)) }
        for (file, scenario) in scenarios { try workLimit.check(scenario, file: file) }
        let sweep = Sweep.comparing(scenarios)
        try runAndWrite(sweep, jobs: jobs, out: out ?? "notebooks-out/compare-" + scenarios.map(\.scenario.name).joined(separator: "-"),
                        quiet: quiet)
    }
}

/// Runs the variants, writes the report atomically and prints the table.
private func runAndWrite(_ sweep: Sweep, jobs: Int?, out: String, quiet: Bool) throws {
    let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    guard jobs >= 1 else { printError("error: --jobs: expected ≥ 1, found \(jobs)"); throw ExitCode.invalidInput }
    let bar = ProgressBar(enabled: !quiet && FileHandleWriter.standardErrorIsTerminal)
    let count = sweep.variants.count
    let results = sweep.run(jobs: jobs) { variant, done, total in
        bar.update(done: variant * total + done, total: count * total)
    }
    bar.finish()
    let report = SweepReport(sweep: sweep, results: results)
    var output = AtomicOutput(directory: URL(fileURLWithPath: out))
    for file in report.files { output.add(file.name, file.contents) }
    try output.commit()
    print(report.text)
    print("report: \(output.directory.path)/sweep.html")
}
