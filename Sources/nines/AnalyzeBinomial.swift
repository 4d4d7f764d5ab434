import ArgumentParser
import Reliability

/// `nines analyze binomial`: n independent components, each with its own repair crew.
struct AnalyzeBinomial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binomial", abstract: "All-up probability (1−p)^n and P(k down), k = 0…n.")

    @Option(help: "Number of components (≥ 1).")
    var n: Int
    @OptionGroup var component: ComponentOptions
    @OptionGroup var output: AnalyzeOutputOptions

    func validate() throws {
        _ = try validated { () throws(ParameterError) in try AnalyzeArguments.componentCount(n) }
        _ = try component.downProbability()
    }

    func run() throws {
        let p = try component.downProbability()
        output.print(try validated { () throws(ParameterError) in try AnalyzeReport.binomial(count: n, downProbability: p) })
    }
}
