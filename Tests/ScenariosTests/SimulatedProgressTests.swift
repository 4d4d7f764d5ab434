import Testing
@testable import Scenarios

/// The progress bar's reports in simulated time: many within a replication, increasing to 1, and the
/// replication's outcome (digest, metrics, timeline) the same as without them.
@Suite struct SimulatedProgressTests {
    @Test(arguments: [
        #"{"name": "p", "kind": "ensemble", "seed": 2, "duration": "20m", "replications": 2, "ensemble": {"servers": 3, "probe": {"interval": "10s"}}}"#,
        SweepTests.text,
    ])
    func progressIsReportedWithinAReplicationAndChangesNothing(_ text: String) throws {
        let scenario = try ScenarioLoader.parse(text, file: "p.json")
        let plain = ReplicationRunner(scenario: scenario, jobs: 1).replicate(1)
        let seen = Fractions()
        var runner = ReplicationRunner(scenario: scenario, jobs: 1)
        runner.simulatedProgress = { index, fraction in seen.append(index, fraction) }
        let reported = runner.replicate(1)
        #expect(reported == plain)
        let fractions = seen.values
        #expect(fractions.count >= 100, "about 200 reports per replication, found \(fractions.count)")
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 } && fractions.last == 1)
        #expect(seen.indices == [1])
    }
}

/// Collects reports from the runner's callback (called on the test's thread here).
final class Fractions: @unchecked Sendable {
    private(set) var values: [Double] = []
    private(set) var indices: Set<Int> = []
    func append(_ index: Int, _ fraction: Double) {
        values.append(fraction)
        indices.insert(index)
    }
}
