import Foundation
import Testing

/// `nines run`, `validate`, `merge`, `check` and `k8s-job` as a user calls them, in separate processes.
@Suite(.serialized) struct RunCommandTests {
    static let scenario = """
        {"name": "cli", "kind": "components", "seed": 4, "duration": "400d", "warm_up": "10d", "replications": 6,
         "components": {"count": 3, "service_quorum": 2,
           "failure": {"ttf": {"exponential": {"mean": "4d"}}, "ttr": {"exponential": {"mean": "1d"}}}},
         "expectations": {"availability_at_least": 0.5}}
        """

    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nines-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try scenario.write(to: dir.appendingPathComponent("cli.json"), atomically: true, encoding: .utf8)
        return dir
    }

    static func files(_ dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    @Test func runWritesTheSameBytesInTwoProcessesAndForAnyJobs() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Nines.run(["run", "cli.json", "--jobs", "1", "--out", "a", "--quiet"], in: dir)
        let b = try Nines.run(["run", "cli.json", "--jobs", "2", "--out", "b", "--quiet"], in: dir)
        // The headline is the first line: U with its interval, level, method, nines and downtime.
        let headline = a.stdout.split(separator: "\n").first ?? ""
        #expect(headline.hasPrefix("service availability 0.") && headline.contains("(95%, regenerative ratio")
            && headline.contains(" nines [") && headline.contains("min/year ["), "\(headline)")
        let json = try Nines.run(["run", "cli.json", "--out", "c", "--quiet", "--json"], in: dir)
        #expect(json.stdout.contains("\"headline\": {") && json.stdout.contains("\"nines_interval\": ["), "\(json.stdout.prefix(400))")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0)
        let first = try Self.files(dir.appendingPathComponent("a")), second = try Self.files(dir.appendingPathComponent("b"))
        #expect(first.keys.sorted() == [".nines-output", "comparison.csv", "downtime_by_cause.csv", "durations.csv", "occupancy.csv", "replications.csv", "report.html",
                                        "report.ipynb", "running.csv", "summary.json", "timeline.csv"])
        #expect(first == second)
        #expect(a.stdout.contains("service_availability"))
    }

    @Test func shardsMergeIntoExactlyTheUnshardedOutput() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Nines.run(["run", "cli.json", "--out", "whole", "--quiet"], in: dir).status == 0)
        for i in 0..<3 {
            let shard = try Nines.run(["run", "cli.json", "--shard", "\(i)/3", "--out", "s\(i)", "--quiet"], in: dir)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try Nines.run(["merge", "cli.json", "s2/shard.json", "s0/shard.json", "s1/shard.json", "--out", "merged"], in: dir)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try Self.files(dir.appendingPathComponent("merged")) == Self.files(dir.appendingPathComponent("whole")))
        let incomplete = try Nines.run(["merge", "cli.json", "s0/shard.json", "--out", "bad"], in: dir)
        #expect(incomplete.status == 2)
        #expect(incomplete.stderr.contains("do not hold replications"))
    }

    /// Shards run with `--duration` merge into that run's report without repeating the option:
    /// the shard files say what ran; shards that ran different durations do not merge.
    @Test func shardsCarryTheDurationTheyRan() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Nines.run(["run", "cli.json", "--duration", "200d", "--out", "whole", "--quiet"], in: dir).status == 0)
        for i in 0..<2 {
            let shard = try Nines.run(["run", "cli.json", "--duration", "200d", "--shard", "\(i)/2", "--out", "s\(i)", "--quiet"], in: dir)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try Nines.run(["merge", "cli.json", "s0/shard.json", "s1/shard.json", "--out", "merged"], in: dir)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try Self.files(dir.appendingPathComponent("merged")) == Self.files(dir.appendingPathComponent("whole")))
        #expect(try Nines.run(["run", "cli.json", "--shard", "1/2", "--out", "long", "--quiet"], in: dir).status == 0)
        let mixed = try Nines.run(["merge", "cli.json", "s0/shard.json", "long/shard.json", "--out", "bad"], in: dir)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("the other shards 200d"), "\(mixed.stderr)")
    }

    /// A cluster's failover phases and coverage survive the shard files: the merge is byte-identical.
    @Test func clusterShardsCarryTheFailoverPhases() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = """
            {"name": "c", "kind": "cluster", "seed": 8, "duration": "1h", "warm_up": "2m", "replications": 3,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
                         "action_duration": {"exponential": {"mean": "30s"}}, "probe": {"interval": "10s"},
                         "failures": {"schedulers": {"ttf": {"exponential": {"mean": "9h"}}, "ttr": {"exponential": {"mean": "1h"}}}}},
             "faults": [{"at": "20m", "action": "crash", "host": "oozie1"}, {"at": "40m", "action": "restart", "host": "oozie1"}]}
            """
        try cluster.write(to: dir.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        #expect(try Nines.run(["run", "c.json", "--out", "whole", "--quiet"], in: dir).status == 0)
        for i in 0..<2 {
            #expect(try Nines.run(["run", "c.json", "--shard", "\(i)/2", "--out", "s\(i)", "--quiet"], in: dir).status == 0)
        }
        let merge = try Nines.run(["merge", "c.json", "s1/shard.json", "s0/shard.json", "--out", "merged"], in: dir)
        #expect(merge.status == 0, "\(merge.stderr)")
        let whole = try Self.files(dir.appendingPathComponent("whole"))
        #expect(try Self.files(dir.appendingPathComponent("merged")) == whole)
        #expect(whole["durations.csv"]!.contains("\r\ndetection,") && whole["comparison.csv"]!.contains("failover_coverage"))
    }

    @Test func anInvalidScenarioExitsTwoNamesThePathAndWritesNothing() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = Self.scenario.replacingOccurrences(of: "\"count\": 3", with: "\"count\": \"three\"")
        try broken.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let run = try Nines.run(["run", "bad.json", "--out", "out"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.json:2: $.components.count: expected an integer in 1…1000, found \"three\""), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        let validate = try Nines.run(["validate", "cli.json", "bad.json"], in: dir)
        #expect(validate.status == 2)
        #expect(validate.stdout.contains("cli.json: ok"))
    }

    @Test func aFailedExpectationExitsOne() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let strict = Self.scenario.replacingOccurrences(of: "\"availability_at_least\": 0.5", with: "\"availability_at_least\": 0.9999")
        try strict.write(to: dir.appendingPathComponent("strict.json"), atomically: true, encoding: .utf8)
        let run = try Nines.run(["run", "strict.json", "--out", "out", "--quiet"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("✘ availability ≥ 0.9999"))
        let check = try Nines.run(["check", "strict.json", "cli.json", "--junit", "junit.xml"], in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("FAIL  strict.json") && check.stdout.contains("PASS  cli.json"))
        #expect(check.stdout.contains("1 passed, 1 failed"))
        let junit = try String(contentsOf: dir.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<testsuite name=\".\" tests=\"2\" failures=\"1\" errors=\"0\""))
        #expect(junit.contains("<testcase classname=\".\" name=\"strict.json\""))
        #expect(junit.contains("<failure type=\"expectation\" message=\"availability ≥ 0.9999: "))
        #expect(junit.contains("reproduce the run: nines run strict.json --seed 4"))
    }

    /// An invalid scenario is an error, not a failure, in its folder's suite, named relative to the
    /// working directory even when given as an absolute path.
    @Test func checkReportsInvalidInputAsAnErrorPerFolder() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let suite = dir.appendingPathComponent("suite/chaos")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        try "{\"name\": \"broken\"}".write(to: suite.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        try Self.scenario.write(to: suite.appendingPathComponent("ok.json"), atomically: true, encoding: .utf8)
        let check = try Nines.run(["check", suite.path, "--junit", "junit.xml"], in: dir)
        #expect(check.status == 2)
        #expect(check.stdout.contains("INVALID  suite/chaos/broken.json") && check.stdout.contains("PASS  suite/chaos/ok.json"))
        let junit = try String(contentsOf: dir.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<testsuite name=\"suite/chaos\" tests=\"2\" failures=\"0\" errors=\"1\""))
        #expect(junit.contains("<testcase classname=\"suite.chaos\" name=\"suite/chaos/broken.json\""))
        #expect(junit.contains("<error type=\"invalid_input\" message=\""))
        #expect(junit.contains("<testcase classname=\"suite.chaos\" name=\"suite/chaos/ok.json\" time="))
    }

    /// The manifests parse as YAML (PyYAML, as kubectl's parser would), every name is a DNS-1123 label of
    /// at most 63 characters (a long scenario name is cut and given a hash suffix), the shell commands
    /// quote a path with a space and a quote, pods request resources and run `--jobs` as many, and the
    /// merge is a second Job on the same volume that waits for every shard.
    @Test func k8sJobPrintsManifestsKubernetesAccepts() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "Very_Long_Scenario_", count: 5) + "end"
        let file = "my scenarios/it's.json"
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("my scenarios"), withIntermediateDirectories: true)
        try Self.scenario.replacingOccurrences(of: "\"name\": \"cli\"", with: "\"name\": \"\(long)\"")
            .write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let job = try Nines.run(["k8s-job", file, "--shards", "4", "--cpus", "3", "--memory", "1500Mi"], in: dir)
        #expect(job.status == 0, "\(job.stderr)")
        try job.stdout.write(to: dir.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        // PyYAML reads the stream; the script prints what the test checks, one fact per line.
        let script = """
            import yaml, re, sys
            docs = list(yaml.safe_load_all(open("job.yaml")))
            for d in docs:
                name = d["metadata"]["name"]
                assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) and len(name) <= 63, name
                pod = d["spec"]["template"]["spec"]
                for c in pod.get("initContainers", []) + pod["containers"]:
                    print(d["kind"], name, c["name"], c["args"][0], c.get("resources", {}).get("requests"), sep="|")
                print("volume", pod["volumes"][0]["persistentVolumeClaim"]["claimName"])
            print("indexed", docs[0]["spec"]["completionMode"], docs[0]["spec"]["completions"])
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        python.currentDirectoryURL = dir
        let pipe = Pipe(), errors = Pipe()
        python.standardOutput = pipe
        python.standardError = errors
        try python.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let lines = out.split(separator: "\n").map(String.init)
        let shard = try #require(lines.first { $0.hasPrefix("Job|") && $0.contains("|nines|") }).split(separator: "|").map(String.init)
        #expect(shard[1].count == 52 && shard[1].hasPrefix("nines-very-long-scenario-very-long"))
        #expect(shard[3] == "exec nines run 'my scenarios/it'\\''s.json' --quiet --jobs 3 --shard \"$JOB_COMPLETION_INDEX/4\" "
            + "--out \"/out/shards/$JOB_COMPLETION_INDEX\"")
        #expect(shard[4] == "{'cpu': '3', 'memory': '1500Mi'}")
        let merge = try #require(lines.first { $0.contains("|merge|") }).split(separator: "|").map(String.init)
        #expect(merge[1] == shard[1] + "-merge")
        #expect(merge[3].hasPrefix("exec nines merge 'my scenarios/it'\\''s.json' /out/shards/*/shard.json --out '/out/"))
        let wait = try #require(lines.first { $0.contains("|wait-for-shards|") })
        #expect(wait.contains("-ge 4 ]"))
        #expect(lines.filter { $0 == "volume nines-out" }.count == 2)
        #expect(lines.contains("indexed Indexed 4"))
        // The shell command runs as written: sh reads the quoted path back.
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", "printf '%s' 'my scenarios/it'\\''s.json'"]
        let shOut = Pipe()
        sh.standardOutput = shOut
        try sh.run()
        sh.waitUntilExit()
        #expect(String(decoding: shOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == file)
    }

    /// `nines sweep` writes one report over the variants; an invalid setting exits 2 naming it and
    /// writes nothing; `nines compare` runs two files side by side.
    @Test func sweepAndCompareWriteOneReport() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try Nines.run(["sweep", "cli.json", "--set", "components.count=3,5", "--out", "sw", "--quiet"], in: dir)
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("components.count=5"))
        let files = try Self.files(dir.appendingPathComponent("sw"))
        #expect(files.keys.filter { !$0.hasPrefix(".") }.sorted() == ["sweep.csv", "sweep.html"])
        let bad = try Nines.run(["sweep", "cli.json", "--set", "components.cuont=3,5", "--out", "bad"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--set components.cuont=3") && bad.stderr.contains("$.components.cuont"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
        try Self.scenario.replacingOccurrences(of: "\"count\": 3", with: "\"count\": 5")
            .replacingOccurrences(of: "\"name\": \"cli\"", with: "\"name\": \"five\"")
            .write(to: dir.appendingPathComponent("five.json"), atomically: true, encoding: .utf8)
        let compare = try Nines.run(["compare", "cli.json", "five.json", "--quiet"], in: dir)
        #expect(compare.status == 0, "\(compare.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("notebooks-out/compare-cli-five/sweep.csv"), encoding: .utf8)
        #expect(csv.contains("\r\ncli.json,") && csv.contains("\r\nfive.json,"))
    }

    @Test func analyzeAScenarioPrintsItsModelsWithoutSimulating() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Nines.run(["analyze", "cli.json", "--json"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        // p = 1/5; 2-of-3 unavailability = 3p²(1−p) + p³ = 0.104.
        #expect(out.stdout.contains("\"metric\": \"service_unavailability\""))
        let lines = out.stdout.split(separator: "\n").map(String.init)
        let metric = try #require(lines.firstIndex { $0.contains("\"service_unavailability\"") })
        let valueLine = lines[metric + 2].trimmingCharacters(in: .whitespaces)
        let value = try #require(Double(valueLine.replacingOccurrences(of: "\"value\": ", with: "")))
        #expect(abs(value - 0.104) < 1e-12)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("notebooks-out").path))
    }

    @Test func exploreAndReplayAreRepeatable() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ensemble = """
            {"name": "e", "kind": "ensemble", "seed": 2, "duration": "20m", "replications": 2,
             "ensemble": {"servers": 3, "probe": {"interval": "10s"}}}
            """
        try ensemble.write(to: dir.appendingPathComponent("e.json"), atomically: true, encoding: .utf8)
        let explore = try Nines.run(["explore", "e.json", "--runs", "3"], in: dir)
        #expect(explore.status == 0, "\(explore.stdout)")
        #expect(explore.stdout.contains("3 schedules, 0 violating"))
        let first = try Nines.run(["replay", "e.json", "--seed", "12345", "--trace"], in: dir)
        let second = try Nines.run(["replay", "e.json", "--seed", "12345", "--trace"], in: dir)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\tcrash\t") || first.stdout.contains("\tpause\t") || first.stdout.contains("\tcut\t")
            || first.stdout.contains("\tclock-"))
        // A replication of the scenario itself, as `nines check` says to reproduce a failure.
        let replication = try Nines.run(["replay", "e.json", "--replication", "1", "--trace"], in: dir)
        #expect(replication.status == 0, "\(replication.stderr)")
        #expect(replication.stdout == (try Nines.run(["replay", "e.json", "--replication", "1", "--trace"], in: dir)).stdout)
        #expect(replication.stdout.contains("replication 1 (seed "))
        #expect(try Nines.run(["replay", "e.json"], in: dir).status != 0)
        let shrink = try Nines.run(["shrink", "e.json", "--seed", "12345"], in: dir)
        #expect(shrink.status == 2)
        #expect(shrink.stderr.contains("does not violate"))
    }

    /// On a configuration unsafe on purpose: explore reports the same violations for any
    /// `--jobs`, and `shrink --write` turns the first into a scenario that fails until fixed.
    @Test func exploreFindsShrinkWritesAndTheScenarioReplaysTheViolation() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unsafe = """
            {"name": "u", "kind": "cluster", "seed": 3, "duration": "20m", "warm_up": "1m", "replications": 2,
             "network": {"latency": {"uniform": {"min": "1ms", "max": "10ms"}}},
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby", "idempotent_launches": false,
                         "action_duration": {"uniform": {"min": "20s", "max": "90s"}}, "probe": {"interval": "10s"}}}
            """
        try unsafe.write(to: dir.appendingPathComponent("u.json"), atomically: true, encoding: .utf8)
        let one = try Nines.run(["explore", "u.json", "--runs", "3", "--jobs", "1"], in: dir)
        let two = try Nines.run(["explore", "u.json", "--runs", "3", "--jobs", "2"], in: dir)
        #expect(one.status == 1)
        #expect(one.stdout == two.stdout)
        let seedText = try #require(one.stdout.split(separator: "\n").first { $0.hasPrefix("VIOLATION seed ") }?
            .split(separator: " ")[2])
        let shrink = try Nines.run(["shrink", "u.json", "--seed", String(seedText), "--budget", "30", "--write", "found.json"], in: dir)
        #expect(shrink.status == 0, "\(shrink.stderr)")
        let replay = try Nines.run(["run", "found.json", "--quiet", "--out", "out"], in: dir)
        #expect(replay.status == 1, "the written scenario expects the invariants to hold, and they do not")
    }
}

