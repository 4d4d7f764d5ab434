import Testing
@testable import Scheduler

/// One committed write may cover several legal steps; only a move no sequence of steps allows is
/// a violation.
@Suite struct StoredStateCheckerTests {
    static func job(_ status: WorkflowJobStatus) -> WorkflowJobSnapshot {
        WorkflowJobSnapshot(
            id: "0000001-oozie-W", app: "a", seed: 1, status: status, variables: [:], actions: [], visited: [], held: [],
            arrivals: [:], parent: nil)
    }

    @Test func aSuspendedJobResumedAndFinishedInOneWriteIsLegal() {
        #expect(StoredStateChecker.compare(Self.job(.suspended), Self.job(.succeeded)).isEmpty)
        #expect(StoredStateChecker.compare(Self.job(.prep), Self.job(.failed)).isEmpty)
    }

    @Test func aFinishedJobThatRunsAgainIsReported() {
        #expect(StoredStateChecker.compare(Self.job(.succeeded), Self.job(.running))
            == ["job 0000001-oozie-W: illegal transition SUCCEEDED → RUNNING"])
    }

    @Test func reachabilityFollowsTheListedSuccessors() {
        #expect(CoordinatorActionStatus.waiting.canReach(.succeeded))
        #expect(!CoordinatorActionStatus.running.canReach(.waiting))
        #expect(WorkflowActionStatus.userRetry.canReach(.ok))
        #expect(!WorkflowActionStatus.ok.canReach(.prep))
        #expect(!CoordinatorJobStatus.killed.canReach(.running))
    }

    /// The checker is handed the typed row the scheduler wrote: no text to parse on either side.
    @Test func typedRowsAreComparedWithTheLastCommittedRowOfTheSameJob() {
        var checker = StoredStateChecker()
        let key = "wf/0000001-oozie-W"
        #expect(checker.check(key, .workflow(JobRow(job: Self.job(.running), modifiedNanoseconds: 1))).isEmpty)
        #expect(checker.check("active/" + key, "") == [])
        #expect(checker.check("active/" + key, nil) == [])
        #expect(checker.check(key, .workflow(JobRow(job: Self.job(.succeeded), modifiedNanoseconds: 2))).isEmpty)
        #expect(checker.check(key, .workflow(JobRow(job: Self.job(.running), modifiedNanoseconds: 3)))
            == ["job 0000001-oozie-W: illegal transition SUCCEEDED → RUNNING"])
    }

    /// A purged row is forgotten: a later job under the same key starts a new history.
    @Test func aDeletedRowIsForgotten() {
        var checker = StoredStateChecker()
        let key = "wf/0000001-oozie-W"
        #expect(checker.check(key, .workflow(JobRow(job: Self.job(.succeeded), modifiedNanoseconds: 1))).isEmpty)
        #expect(checker.check(key, nil).isEmpty)
        #expect(checker.check(key, .workflow(JobRow(job: Self.job(.running), modifiedNanoseconds: 2))).isEmpty)
    }
}
