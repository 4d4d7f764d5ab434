import Scheduler
import Simulation
import Testing

@Suite struct WorkflowEngineTests {
    @Test func forkJoinDecisionWorkflowSucceedsThroughExpectedActions() throws {
        for file in ["etl-fork-decision.json", "etl-fork-decision.xml"] {
            var run = ScriptedRun(WorkflowJob(id: "0000001-W", workflow: try loadSample(file), seed: 7))
            try run.run()
            #expect(run.job.status == .succeeded, "\(file)")
            #expect(run.launchedActions == ["prepare", "extract-a", "extract-b", "extract-c", "full-load"], "\(file)")
            #expect(run.job.visited == [
                "prepare", "split", "extract-a", "inner-split", "extract-b", "extract-c", "merge", "inner-merge",
                "inner-merge", "merge", "route", "full-load", "done",
            ], "\(file)")
            #expect(run.job.actions.map(\.status) == Array(repeating: .ok, count: 5))
            #expect(run.job.invariantViolations().isEmpty)
        }
    }

    @Test func decisionFollowsVariablesAndSeededDraws() throws {
        let workflow = try loadSample("etl-fork-decision.json")
        var incremental = ScriptedRun(WorkflowJob(id: "j1", workflow: workflow, variables: ["mode": "delta"], seed: 1))
        try incremental.run()
        #expect(incremental.launchedActions.last == "incremental-load" || incremental.launchedActions.last == "sample-load")
        // The draw (p = 0.25) is seeded per job: the same id and seed always take the same branch,
        // and over many jobs about a quarter take the sample branch.
        var sampled = 0
        for n in 0..<400 {
            var run = ScriptedRun(WorkflowJob(id: "job-\(n)", workflow: workflow, variables: ["mode": "delta"], seed: 42))
            try run.run()
            var again = ScriptedRun(WorkflowJob(id: "job-\(n)", workflow: workflow, variables: ["mode": "delta"], seed: 42))
            try again.run()
            #expect(run.launchedActions == again.launchedActions)
            if run.launchedActions.last == "sample-load" { sampled += 1 }
        }
        #expect(sampled > 70 && sampled < 130, "sampled \(sampled) of 400")
    }

    @Test func transientErrorIsRetriedRetryMaxTimesThenTakesErrorTransition() throws {
        let workflow = try loadSample("etl-fork-decision.json")
        var run = ScriptedRun(
            WorkflowJob(id: "j", workflow: workflow, seed: 1),
            script: ["extract-a": [.transientError, .transientError, .transientError]])
        try run.run()
        #expect(run.retries == ["extract-a", "extract-a"])
        #expect(run.launches == ["j@prepare@1", "j@extract-a@1", "j@extract-b@1", "j@extract-c@1", "j@extract-a@2", "j@extract-a@3"])
        #expect(run.job.action("extract-a")?.status == .error)
        #expect(run.job.action("extract-a")?.userRetries == 2)
        #expect(run.job.status == .killed, "the error transition goes to the kill node")
        #expect(run.job.visited.last == "fail")
        #expect(run.job.invariantViolations().isEmpty)
    }

    @Test func transientErrorThenSuccessContinues() throws {
        var run = ScriptedRun(
            WorkflowJob(id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1),
            script: ["extract-a": [.transientError]])
        try run.run()
        #expect(run.job.status == .succeeded)
        #expect(run.job.action("extract-a")?.attempt == 2)
    }

    @Test func permanentErrorIsNotRetried() throws {
        var run = ScriptedRun(
            WorkflowJob(id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1),
            script: ["prepare": [.permanentError]])
        try run.run()
        #expect(run.retries.isEmpty)
        #expect(run.launchedActions == ["prepare"])
        #expect(run.job.status == .killed)
    }

    @Test func killCancelsRunningActionsAndIgnoresLateNews() throws {
        var job = WorkflowJob(id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1)
        _ = try job.apply(.start)
        _ = try job.apply(.actionStarted(action: "prepare", launchId: "j@prepare@1"))
        let forked = try job.apply(.actionCompleted(action: "prepare", launchId: "j@prepare@1", outcome: .ok))
        #expect(forked.count == 3)
        _ = try job.apply(.actionStarted(action: "extract-b", launchId: "j@extract-b@1"))
        let effects = try job.apply(.kill)
        #expect(effects == [
            .cancel(launchId: "j@extract-a@1"), .cancel(launchId: "j@extract-b@1"), .cancel(launchId: "j@extract-c@1"),
            .finished(.killed),
        ])
        #expect(job.status == .killed)
        #expect(job.actions.map(\.status) == [.ok, .killed, .killed, .killed])
        let late = try job.apply(.actionCompleted(action: "extract-b", launchId: "j@extract-b@1", outcome: .ok))
        #expect(late.isEmpty)
        #expect(throws: WorkflowCommandError.self) { _ = try job.apply(.kill) }
        #expect(job.invariantViolations().isEmpty)
    }

    @Test func suspendHoldsNewsUntilResume() throws {
        var job = WorkflowJob(id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1)
        _ = try job.apply(.start)
        _ = try job.apply(.suspend)
        #expect(try job.apply(.actionCompleted(action: "prepare", launchId: "j@prepare@1", outcome: .ok)).isEmpty)
        #expect(job.action("prepare")?.status == .prep)
        #expect(throws: WorkflowCommandError.self) { _ = try job.apply(.suspend) }
        let resumed = try job.apply(.resume)
        #expect(resumed.compactMap { if case .launch(let l) = $0 { l.action } else { nil } } == ["extract-a", "extract-b", "extract-c"])
        #expect(job.status == .running)
    }

    @Test func staleCompletionOfAnOlderAttemptIsDropped() throws {
        var job = WorkflowJob(id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1)
        _ = try job.apply(.start)
        _ = try job.apply(.actionCompleted(action: "prepare", launchId: "j@prepare@1", outcome: .ok))
        _ = try job.apply(.actionCompleted(action: "extract-a", launchId: "j@extract-a@1", outcome: .transientError))
        _ = try job.apply(.retryDue(action: "extract-a"))
        // A duplicate of the first attempt's completion arrives after the retry was launched.
        #expect(try job.apply(.actionCompleted(action: "extract-a", launchId: "j@extract-a@1", outcome: .ok)).isEmpty)
        #expect(job.action("extract-a")?.status == .prep)
        #expect(job.action("extract-a")?.launchId == "j@extract-a@2")
    }

    @Test func launchFailuresGetSystemRetriesThenFailTheJob() throws {
        var job = WorkflowJob(
            id: "j", workflow: try loadSample("etl-fork-decision.json"), seed: 1,
            settings: WorkflowEngineSettings(launchRetriesMax: 2, launchRetryInterval: .seconds(10)))
        _ = try job.apply(.start)
        for _ in 0..<2 {
            let retry = try job.apply(.launchFailed(action: "prepare", launchId: "j@prepare@1", transient: true))
            #expect(retry == [.scheduleRetry(action: "prepare", after: .seconds(10))])
            let relaunch = try job.apply(.retryDue(action: "prepare"))
            #expect(relaunch == [.launch(ActionLaunch(jobId: "j", action: "prepare", type: "shell", launchId: "j@prepare@1"))])
        }
        let end = try job.apply(.launchFailed(action: "prepare", launchId: "j@prepare@1", transient: true))
        #expect(end == [.finished(.failed)])
        #expect(job.action("prepare")?.status == .failed)
    }

    @Test func transitionTablesMatchOozie() {
        #expect(WorkflowJobStatus.prep.successors == [.running, .killed])
        #expect(WorkflowJobStatus.suspended.successors == [.running, .killed])
        #expect(WorkflowJobStatus.allCases.filter(\.isTerminal) == [.succeeded, .failed, .killed])
        #expect(!WorkflowActionStatus.ok.canMove(to: .running))
        #expect(WorkflowActionStatus.running.canMove(to: .userRetry))
    }
}
