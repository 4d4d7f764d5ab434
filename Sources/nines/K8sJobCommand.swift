import ArgumentParser
import Foundation
import Scenarios

/// `nines k8s-job`: prints the Kubernetes Jobs that run a scenario in shards and merge them.
struct K8sJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s-job",
        abstract: "Print Kubernetes Jobs that run a scenario in shards and merge them (kubectl apply -f).",
        discussion: "The first Job is Indexed: pod i runs shard i/N. The second waits for every shard file on the same "
            + "volume and merges them into the report. The scenario path is the one inside the image.")

    @Argument(help: "The scenario file (as the container sees it).") var file: String
    @Option(help: "Number of shards (pods).") var shards: Int
    @Option(help: "Container image with nines and the scenarios.") var image = "nines:latest"
    @Option(help: "Shared (ReadWriteMany) volume claim where shards and the report are written.") var volumeClaim = "nines-out"
    @Option(help: "CPUs requested per pod; each pod runs that many replications in parallel.") var cpus = 2
    @Option(help: "Memory requested per pod (Kubernetes quantity).") var memory = "2Gi"
    @OptionGroup var workLimit: WorkLimitOptions

    func validate() throws {
        guard shards >= 1 && shards <= 10_000 else { throw ValidationError("--shards: expected 1…10000, found \(shards)") }
        guard cpus >= 1 && cpus <= 256 else { throw ValidationError("--cpus: expected 1…256, found \(cpus)") }
        guard memory.range(of: #"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$"#, options: .regularExpression) != nil else {
            throw ValidationError("--memory: expected a Kubernetes quantity such as 2Gi, found \"\(memory)\"")
        }
    }

    func run() throws {
        let scenario = try loadScenario(file)
        if case .fixed(let total) = scenario.replications {
            try workLimit.check(scenario, file: file, replications: (total + shards - 1) / shards)  // the largest shard
        }
        var job = KubernetesJob(
            scenarioName: scenario.name, file: file, shards: shards, image: image, volumeClaim: volumeClaim,
            cpus: cpus, memory: memory)
        job.allowLongRun = workLimit.allowLongRun
        print(job.yaml, terminator: "")
    }
}
