import ArgumentParser
import Reliability

/// `nines analyze quorum`: at least k of n independent components up (majority by default).
struct AnalyzeQuorum: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quorum", abstract: "Availability of a k-of-n quorum (majority ⌊n/2⌋+1 unless --k).")

    @Option(help: "Number of components (≥ 1).")
    var n: Int
    @Option(help: "Components that must be up (1…n); default majority.")
    var k: Int?
    @OptionGroup var component: ComponentOptions
    @OptionGroup var output: AnalyzeOutputOptions

    func validate() throws {
        _ = try quorum()
        _ = try component.downProbability()
    }

    private func quorum() throws -> Int {
        try validated { () throws(ParameterError) in
            try AnalyzeArguments.quorum(k, count: AnalyzeArguments.componentCount(n))
        }
    }

    func run() throws {
        let (p, k) = (try component.downProbability(), try quorum())
        output.print(try validated { () throws(ParameterError) in try AnalyzeReport.quorum(count: n, downProbability: p, quorum: k) })
    }
}
