import ArgumentParser
import Reliability

/// `nines analyze`: the analytic models, without simulating.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute analytic availability models (binomial, quorum, active/standby).",
        discussion: """
            Rates and times are plain numbers in one unit of your choice (hours, say). \
            --mttf X may stand for --lambda 1/X and --mttr Y for --mu 1/Y.
            """,
        subcommands: [AnalyzeScenario.self, AnalyzeBinomial.self, AnalyzeQuorum.self, AnalyzeStandby.self],
        defaultSubcommand: AnalyzeScenario.self)
}

/// Output choice shared by the `analyze` subcommands.
struct AnalyzeOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func print(_ report: AnalyzeReport) {
        Swift.print(json ? report.json : report.table)
    }
}

/// One component's down probability: `--p`, or rates, or mean times.
struct ComponentOptions: ParsableArguments {
    @Option(help: "Probability that one component is down, in [0, 1].")
    var p: Double?
    @Option(help: "Failure rate λ of one component.")
    var lambda: Double?
    @Option(help: "Repair rate μ of one component.")
    var mu: Double?
    @Option(help: "Mean time to failure (λ = 1/MTTF).")
    var mttf: Double?
    @Option(help: "Mean time to repair (μ = 1/MTTR).")
    var mttr: Double?

    func downProbability() throws -> Double {
        try validated { () throws(ParameterError) in
            try AnalyzeArguments.downProbability(p: p, lambda: lambda, mu: mu, mttf: mttf, mttr: mttr)
        }
    }
}

/// Runs a check and turns its ``ParameterError`` into ArgumentParser's `ValidationError`, which
/// prints the message with usage and exits non-zero.
func validated<T>(_ body: () throws(ParameterError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw ValidationError(error.description)
    }
}
