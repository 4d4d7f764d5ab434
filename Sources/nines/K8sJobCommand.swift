import ArgumentParser
import Scenarios

/// `nines k8s-job`: prints a Kubernetes Indexed Job that runs a scenario in shards, and the merge step.
struct K8sJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s-job",
        abstract: "Print a Kubernetes Indexed Job running a scenario in shards, and the merge step.")

    @Argument(help: "The scenario file (as the container sees it).") var file: String
    @Option(help: "Number of shards (pods).") var shards: Int
    @Option(help: "Container image with nines and the scenarios.") var image = "nines:latest"
    @Option(help: "Shared volume claim where shards write.") var volumeClaim = "nines-out"

    func validate() throws {
        guard shards >= 1 && shards <= 10_000 else { throw ValidationError("--shards: expected 1…10000, found \(shards)") }
    }

    func run() throws {
        let scenario = try loadScenario(file)
        let name = "nines-" + scenario.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        print("""
            # Runs \(scenario.name) as \(shards) shards; each pod takes its shard from JOB_COMPLETION_INDEX.
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(name)
            spec:
              completionMode: Indexed
              completions: \(shards)
              parallelism: \(shards)
              backoffLimit: 3
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: nines
                    image: \(image)
                    command: ["sh", "-c"]
                    args:
                    - nines run \(file) --quiet --shard "$JOB_COMPLETION_INDEX/\(shards)" --out "/out/shards/$JOB_COMPLETION_INDEX"
                    volumeMounts:
                    - {name: out, mountPath: /out}
                  volumes:
                  - name: out
                    persistentVolumeClaim: {claimName: \(volumeClaim)}
            # When every pod has succeeded, merge (same image, same volume):
            #   nines merge \(file) /out/shards/*/shard.json --out /out/\(scenario.name)
            """)
    }
}
