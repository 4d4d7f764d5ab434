import Reliability

/// The Kubernetes manifests that run a scenario in shards on a cluster, end to end, with no laptop in
/// between: an Indexed Job whose pods each run one shard (`JOB_COMPLETION_INDEX`) and write it to a
/// shared volume, and a second Job on the same volume whose init container waits for every shard file
/// before its container merges them into the report. Pods run as the image's user (uid 10001, see
/// `Dockerfile`); `fsGroup` lets it write to the volume.
///
/// Names follow the rules of a DNS-1123 label (Kubernetes, "Object Names and IDs": lowercase
/// alphanumerics and '-', at most 63 characters); strings are YAML double-quoted scalars (JSON strings,
/// which YAML 1.2 reads the same), and the shell command lines quote every argument, so any scenario
/// path survives both.
public struct KubernetesJob: Sendable {
    public var scenarioName: String
    /// The scenario file as the container sees it.
    public var file: String
    public var shards: Int
    public var image: String
    public var volumeClaim: String
    /// CPUs requested per pod; `nines run --jobs` uses as many.
    public var cpus: Int
    /// Memory requested per pod, in Kubernetes quantity syntax (`2Gi`).
    public var memory: String
    /// Pass `--allow-long-run` to the shards' `nines run`.
    public var allowLongRun = false

    public init(scenarioName: String, file: String, shards: Int, image: String, volumeClaim: String, cpus: Int, memory: String) {
        self.scenarioName = scenarioName
        self.file = file
        self.shards = shards
        self.image = image
        self.volumeClaim = volumeClaim
        self.cpus = cpus
        self.memory = memory
    }

    /// Longest base name: the merge Job adds `-merge`, and an Indexed Job's pod hostname adds
    /// `-<index>`; both stay within 63 characters.
    static let maxBaseLength = 52

    /// `nines-<scenario>`, lowercased, invalid characters as '-', shortened with a hash suffix of the
    /// full name when too long, so two long names differing at the end stay distinct.
    public var name: String { Self.label("nines-" + scenarioName, maxLength: Self.maxBaseLength) }

    static func label(_ raw: String, maxLength: Int) -> String {
        var text = String(raw.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" })
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "-") }
        text = String(text.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
        guard text.count > maxLength else { return text.isEmpty ? "nines" : text }
        let hash = String(fnv1a(raw) & 0xff_ffff, radix: 16)
        let suffix = "-" + String(repeating: "0", count: 6 - hash.count) + hash
        let kept = String(text.prefix(maxLength - suffix.count).reversed().drop { $0 == "-" }.reversed())
        return kept + suffix
    }

    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// A word for `sh -c`, single-quoted (a quote inside becomes `'\''`).
    static func shellQuote(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func yaml(_ s: String) -> String { JSONObjectText.quote(s) }

    /// The two Job manifests, as one multi-document YAML stream.
    public var yaml: String {
        let q = Self.shellQuote, y = Self.yaml
        let run = "exec nines run \(q(file)) --quiet --jobs \(cpus) --shard \"$JOB_COMPLETION_INDEX/\(shards)\" "
            + "--out \"/out/shards/$JOB_COMPLETION_INDEX\"" + (allowLongRun ? " --allow-long-run" : "")
        let wait = "until [ \"$(ls /out/shards/*/shard.json 2>/dev/null | wc -l)\" -ge \(shards) ]; do sleep 10; done"
        let merge = "exec nines merge \(q(file)) /out/shards/*/shard.json --out \(q("/out/" + scenarioName))"
        let resources = """
                    resources:
                      requests: {cpu: \(y(String(cpus))), memory: \(y(memory))}
                      limits: {memory: \(y(memory))}
            """
        return """
            # nines: \(scenarioName) in \(shards) shards. The volume claim \(volumeClaim) must exist and be
            # ReadWriteMany (every pod writes to it). The merge Job waits for every shard file, then merges;
            # the report lands in /out/\(scenarioName) on that volume.
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(y(name))
              labels: {app.kubernetes.io/name: nines, app.kubernetes.io/component: shards}
            spec:
              completionMode: Indexed
              completions: \(shards)
              parallelism: \(shards)
              backoffLimit: 3
              template:
                spec:
                  restartPolicy: Never
                  securityContext: {fsGroup: 10001}
                  containers:
                  - name: nines
                    image: \(y(image))
                    command: ["sh", "-c"]
                    args: [\(y(run))]
            \(resources)
                    volumeMounts: [{name: out, mountPath: /out}]
                  volumes:
                  - name: out
                    persistentVolumeClaim: {claimName: \(y(volumeClaim))}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(y(name + "-merge"))
              labels: {app.kubernetes.io/name: nines, app.kubernetes.io/component: merge}
            spec:
              backoffLimit: 3
              template:
                spec:
                  restartPolicy: Never
                  securityContext: {fsGroup: 10001}
                  initContainers:
                  - name: wait-for-shards
                    image: \(y(image))
                    command: ["sh", "-c"]
                    args: [\(y(wait))]
                    volumeMounts: [{name: out, mountPath: /out}]
                  containers:
                  - name: merge
                    image: \(y(image))
                    command: ["sh", "-c"]
                    args: [\(y(merge))]
            \(resources)
                    volumeMounts: [{name: out, mountPath: /out}]
                  volumes:
                  - name: out
                    persistentVolumeClaim: {claimName: \(y(volumeClaim))}

            """
    }
}
