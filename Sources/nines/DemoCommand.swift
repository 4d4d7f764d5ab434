import ArgumentParser
import Simulation

/// `nines demo`: the kernel's heartbeat demo, a worker failing and a monitor detecting it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the kernel's heartbeat demo and print what it measured.")

    @Option(help: "The run's seed.") var seed: UInt64 = 1
    @Option(help: "Simulated time, e.g. 30d.") var duration: String = "30d"
    @Option(help: "Mean time to failure of the worker, e.g. 12h.") var mttf: String = "12h"
    @Option(help: "Mean time to repair of the worker, e.g. 20m.") var mttr: String = "20m"
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let model = FailureModel(
            timeToFailure: .exponential(mean: try parse(mttf, "--mttf").seconds),
            timeToRepair: .exponential(mean: try parse(mttr, "--mttr").seconds))
        let result = HeartbeatDemo.run(seed: seed, duration: try parse(duration, "--duration"), model: model)
        let digest = String(result.digest, radix: 16)
        if json {
            print(
                "{\"seed\": \(seed), \"digest\": \"\(digest)\", \"events\": \(result.events), "
                    + "\"failures\": \(result.failures), \"detections\": \(result.detections), "
                    + "\"down_fraction\": \(result.truthDownFraction), "
                    + "\"believed_down_fraction\": \(result.believedDownFraction), "
                    + "\"analytic_down_fraction\": \(result.analyticDownFraction)}")
        } else {
            print("seed \(seed), digest \(digest), \(result.events) events")
            print("worker failures \(result.failures), monitor detections \(result.detections)")
            print("down fraction: simulated \(result.truthDownFraction), monitor's view \(result.believedDownFraction), "
                + "analytic MTTR/(MTTF+MTTR) \(result.analyticDownFraction)")
        }
    }

    private func parse(_ text: String, _ option: String) throws -> SimDuration {
        do { return try SimDuration(parsing: text) } catch { throw ValidationError("\(option): \(error)") }
    }
}
