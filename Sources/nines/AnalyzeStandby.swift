import ArgumentParser
import Reliability

/// `nines analyze standby`: the two-unit active/standby Markov model of docs/models.md.
struct AnalyzeStandby: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standby",
        abstract: "Availability, MTTF and state probabilities of an active/standby pair.",
        discussion: """
            States: 2 both up, S switching over, 1 one up, U uncovered failure, 0 both down; with \
            --failback-rate the primary and backup are told apart (2, S, U, 1P, 1B, FB, FB1, 0P, 0B). \
            No switchover option means an instantaneous switchover. With --switchover-time the steady \
            state and MTTF are exact; transient values approximate the fixed delay by an exponential \
            one with the same mean sojourn.
            """)

    @Option(help: "Failure rate λ of the active unit.")
    var lambda: Double?
    @Option(help: "Mean time to failure of the active unit (λ = 1/MTTF).")
    var mttf: Double?
    @Option(help: "Repair rate μ of one crew.")
    var mu: Double?
    @Option(help: "Mean time to repair (μ = 1/MTTR).")
    var mttr: Double?
    @Option(help: "Failure rate λs of the standby: λ hot, 0 cold, in between warm.")
    var lambdaStandby: Double
    @Option(help: "Coverage c: probability a failure of the active unit is detected and switched over.")
    var coverage: Double = 1
    @Option(help: "Switchover rate δ (exponential switchover, mean 1/δ; inf = instantaneous).")
    var switchoverRate: Double?
    @Option(help: "Deterministic switchover time τ.")
    var switchoverTime: Double?
    @Option(help: "Repair crews, 1 or 2.")
    var crews: Int = 1
    @Option(help: "Manual recovery rate β after an uncovered failure.")
    var manualRecoveryRate: Double = 0
    @Option(help: "Failback rate δ_fb: planned switch back to the repaired primary (itself an outage).")
    var failbackRate: Double?
    @Option(help: "Also report A(t) and interval availability over [0, t], starting with both up.")
    var at: Double?
    @OptionGroup var output: AnalyzeOutputOptions

    private var options: AnalyzeArguments.StandbyOptions {
        AnalyzeArguments.StandbyOptions(
            lambda: lambda, mttf: mttf, mu: mu, mttr: mttr, lambdaStandby: lambdaStandby, coverage: coverage,
            switchoverRate: switchoverRate, switchoverTime: switchoverTime, crews: crews,
            manualRecoveryRate: manualRecoveryRate, failbackRate: failbackRate, at: at)
    }

    func validate() throws {
        _ = try validated { () throws(ParameterError) in try options.parameters() }
        _ = try validated { () throws(ParameterError) in try options.horizon() }
    }

    func run() throws {
        let parameters = try validated { () throws(ParameterError) in try options.parameters() }
        let horizon = try validated { () throws(ParameterError) in try options.horizon() }
        do {
            output.print(try AnalyzeReport.standby(parameters, horizon: horizon))
        } catch {
            throw RuntimeError("analyze standby: \(error)")
        }
    }
}

/// A failure after validation (a numerical routine gave up): message on stderr, exit code 1.
struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
