import Foundation
import Scheduler
import Simulation
import Testing
@testable import Scenarios

/// Issue 11: inline workloads that would be slow to run are refused by path before they run: a
/// workflow of too many actions, a coordinator of too many nominal times, an input of too many
/// dataset instances (the saved inputs are in Tests/Fuzz/corpus/*.scenario.json).
@Suite struct WorkloadBoundsTests {
    static func cluster(_ members: String, duration: String = "1d") throws -> Scenario {
        try ScenarioLoader.parse(
            """
            {"name": "w", "kind": "cluster", "seed": 1, "duration": "\(duration)", "replications": 2,
             "cluster": {"zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby", \(members)}}
            """, file: "w.json")
    }

    static func fork(_ width: Int) -> String {
        let paths = (0..<width).map { "\"a\($0)\"" }.joined(separator: ", ")
        let actions = (0..<width).map { #"{"name": "a\#($0)", "type": "action", "ok": "j", "error": "k"}"# }.joined(separator: ", ")
        return #"{"name": "wide", "start": "f", "nodes": [{"name": "f", "type": "fork", "paths": [\#(paths)]}, \#(actions), "#
            + #"{"name": "j", "type": "join", "to": "e"}, {"name": "e", "type": "end"}, {"name": "k", "type": "kill", "message": "x"}]}"#
    }

    /// 100 actions are accepted; 101 are refused at the workflow's path, for the probe's workflow
    /// and for a workload's.
    @Test func aWorkflowOfMoreThanAHundredActionsIsRefused() throws {
        #expect(throws: Never.self) { try Self.cluster(#""workflow": \#(Self.fork(100))"#) }
        #expect { try Self.cluster(#""workflow": \#(Self.fork(101))"#) } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.cluster.workflow" && e.expected == "a workflow of at most 100 action nodes"
                && e.found == "101 in \"wide\"" && e.line == 2
        }
        #expect { try Self.cluster(#""workload": {"workflows": [\#(Self.fork(300))]}"#) } throws: { error in
            (error as! ScenarioError).path == "$.cluster.workload.workflows[0]"
        }
    }

    /// A coordinator firing every millisecond validates as a file but is refused as work, naming it.
    @Test func aCoordinatorOfTooManyNominalTimesIsRefused() throws {
        let coordinator = #""workload": {"coordinators": [{"name": "busy", "workflow": "probe-app", "start": "0s", "end": "100d", "frequency": "%@"}]}"#
        let fine = try Self.cluster(coordinator.replacingOccurrences(of: "%@", with: "10m"), duration: "60d")  // 8,640
        #expect(throws: Never.self) { try WorkEstimate(fine).check(file: "w.json") }
        let busy = try Self.cluster(coordinator.replacingOccurrences(of: "%@", with: "1ms"))
        #expect { try WorkEstimate(busy).check(file: "w.json") } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.cluster.workload.coordinators" && e.found == "coordinator \"busy\": about 8.64e+07 (every 1ms)"
                && e.expected == "at most 10000 nominal times of one coordinator within the run"
        }
    }

    /// An input naming millions of instances (or a range whose size overflows) is a problem, not a trap.
    @Test func anInputOfTooManyInstancesIsAProblem() {
        let logs = Dataset(name: "logs", frequency: .hours(1), initialInstance: .zero)
        func spec(_ range: ClosedRange<Int>) -> CoordinatorSpec {
            CoordinatorSpec(name: "c", workflow: "w", start: .zero, end: .zero + .days(1), frequency: .hours(1),
                            inputs: [DataInput(dataset: logs, instances: range)])
        }
        #expect(spec(-9_999...0).problems().isEmpty)
        #expect(spec(-10_000...0).problems() == ["c.inputs.logs: at most 10000 instances per action, found -10000…0"])
        #expect(spec(Int.min...Int.max).problems().count == 1)
    }
}
