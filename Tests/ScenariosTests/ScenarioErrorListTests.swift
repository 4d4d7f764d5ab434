import Foundation
import Testing
@testable import Scenarios

/// Issue 11: validation reports every error of a scenario file in one pass, each with the file,
/// line, JSON path, what was expected and what was found, not only the first.
@Suite struct ScenarioErrorListTests {
    /// Seven independent mistakes, in the top level, the cluster, the faults and the expectations;
    /// they are listed in file order.
    static let manyMistakes = """
        {
          "name": "many",
          "kind": "cluster",
          "seed": -1,
          "duration": "3d",
          "replications": 4,
          "cluster": {
            "zookeeper": {"servers": 3, "tick_time": "0ms"},
            "schedulers": 2, "mode": "active-standby",
            "health_check": {"interval": "2s", "fal": 3},
            "balancer_policy": "random"
          },
          "faults": [
            {"at": "1h", "action": "crash", "host": "zk9"},
            {"at": "10d", "action": "crash", "host": "zk1"}
          ],
          "expectations": {"availability_at_least": 2}
        }
        """

    @Test func everyIndependentErrorIsListedWithItsLine() {
        #expect { try ScenarioLoader.parse(Self.manyMistakes, file: "many.json") } throws: { error in
            let all = (error as! ScenarioError).all
            let found = all.map { "\($0.line ?? 0) \($0.path) \($0.found)" }
            let expected = [
                "4 $.seed -1",
                "8 $.cluster.zookeeper.tick_time \"0ms\"",
                "10 $.cluster.health_check.fal unknown member \"fal\"",
                "11 $.cluster.balancer_policy \"random\"",
                "14 $.faults[0].host \"zk9\"",
                "15 $.faults[1].at \"10d\"",
                "17 $.expectations.availability_at_least 2",
            ]
            #expect(found == expected)
            return found == expected && all.allSatisfy { $0.file == "many.json" && !$0.expected.isEmpty }
        }
    }

    /// The message has one line per error, each a complete `file:line: path: expected …, found …`.
    @Test func theDescriptionHasOneLinePerError() {
        #expect { try ScenarioLoader.parse(Self.manyMistakes, file: "many.json") } throws: { error in
            let lines = (error as! ScenarioError).description.split(separator: "\n")
            return lines.count == 7 && lines.allSatisfy { $0.hasPrefix("many.json:") && $0.contains(": expected ") }
                && lines[4] == "many.json:14: $.faults[0].host: expected one of the scenario's hosts: zk1, zk2, zk3, "
                    + "oozie1, oozie2, db, compute, lb, probe, found \"zk9\""
        }
    }

    /// A file of a thousand mistakes lists the first ones and counts the rest.
    @Test func aFileOfManyMistakesListsTheLimitAndCountsTheRest() {
        let members = (0..<1000).map { "\"unknown\($0)\": 1" }.joined(separator: ", ")
        let text = #"{"name": "t", "kind": "components", "seed": 1, "duration": "1d", "replications": 2, "#
            + #""components": {"count": 1, "failure": {"ttf": {"exponential": {"mean": "1d"}}, "ttr": {"exponential": {"mean": "1h"}}}}, "#
            + members + "}"
        #expect { try ScenarioLoader.parse(text, file: "t.json") } throws: { error in
            let e = error as! ScenarioError
            return e.all.count == ScenarioLimits.maximumErrorsListed && e.unlisted == 1000 - ScenarioLimits.maximumErrorsListed
                && e.lines.last == "t.json: \(1000 - ScenarioLimits.maximumErrorsListed) more errors not listed"
        }
    }

    /// Errors in a bundle file a scenario names are reported with the scenario's own.
    @Test func errorsOfAReferencedBundleFileAreListedToo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nines-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"name": "b", "coordinators": [], "colour": 1}"#.write(
            to: dir.appendingPathComponent("bundle.json"), atomically: true, encoding: .utf8)
        let scenario = """
            {"name": "w", "kind": "cluster", "seed": 1, "duration": "1d", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "workload": {"bundles": ["bundle.json"], "lateness": "soon"}}}
            """
        let file = dir.appendingPathComponent("w.json").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ScenarioLoader.load(file: file) } throws: { error in
            let all = (error as! ScenarioError).all.map { "\(($0.file as NSString).lastPathComponent) \($0.path)" }
            #expect(all == ["bundle.json $.colour", "bundle.json $.coordinators", "w.json $.cluster.workload.lateness"])
            return all.count == 3
        }
    }
}
