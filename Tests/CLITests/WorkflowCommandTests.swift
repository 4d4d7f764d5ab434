import Foundation
import Testing

/// `nines workflow validate` and `show` on the sample workflows, as a user runs them.
@Suite struct WorkflowCommandTests {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/workflows")

    @Test func validateExitsZeroWhenEveryFileIsValid() throws {
        let output = try Nines.run(["workflow", "validate", "etl-fork-decision.json", "etl-fork-decision.xml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout == """
            etl-fork-decision.json: valid (etl-fork-decision, 14 nodes)
            etl-fork-decision.xml: valid (etl-fork-decision, 14 nodes)

            """)
    }

    @Test func validateExitsNonZeroAndListsEveryError() throws {
        let output = try Nines.run(
            ["workflow", "validate", "etl-fork-decision.xml", "invalid-fork-without-join.json", "invalid-malformed.xml", "missing.xml"],
            in: folder)
        #expect(output.status == 2)
        #expect(output.stderr == """
            invalid-fork-without-join.json: node 'split': fork without its join: a path reaches the end before any join
            invalid-malformed.xml:4: malformed XML: Opening and ending tag mismatch: end line 3 and workflow-app
            missing.xml: cannot read the file: no such file

            """)
    }

    @Test func showPrintsTheGraph() throws {
        let output = try Nines.run(["workflow", "show", "etl-fork-decision.xml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("workflow etl-fork-decision: 14 nodes, variables mode=full\n  start → prepare\n"))
        #expect(output.stdout.contains("  fork inner-split → extract-b | extract-c (joins at inner-merge)\n"))
    }

    @Test func coordinatorAppsAreValidatedAndShownToo() throws {
        let validate = try Nines.run(["workflow", "validate", "hourly-coordinator.xml"], in: folder)
        #expect(validate.status == 0)
        #expect(validate.stdout == "hourly-coordinator.xml: valid (coordinator hourly-etl)\n")
        let show = try Nines.run(["workflow", "show", "hourly-coordinator.xml"], in: folder)
        #expect(show.stdout == """
            coordinator hourly-etl: workflow etl-fork-decision every 1h from t=0s to t=1d, concurrency 2, LIFO, \
            timeout 3h, inputs [logs-1...0], outputs [report]

            """)
    }
}
