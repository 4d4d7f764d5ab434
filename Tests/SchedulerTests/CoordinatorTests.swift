import Foundation
import Scheduler
import Simulation
import Testing

@Suite struct CoordinatorTests {
    let hour = SimDuration.hours(1)
    func t(_ hours: Int64) -> SimTime { .zero + .hours(hours) }

    func submissions(_ effects: [CoordinatorEffect]) -> [String] {
        effects.compactMap { if case .submitWorkflow(let s) = $0 { s.actionId } else { nil } }
    }

    @Test func materializesEachNominalTimeExactlyOnce() throws {
        let spec = CoordinatorSpec(
            name: "hourly", workflow: "etl", start: t(1), end: t(6), frequency: hour, concurrency: 10, timeout: nil)
        var job = CoordinatorJob(id: "C1", spec: spec)
        var submitted: [String] = []
        submitted += submissions(try job.apply(.start, at: t(0)))
        #expect(job.actions.isEmpty)
        // Ticks arrive late, early, twice and out of step: still one action per nominal time.
        for now in [t(1), t(1), t(3) + .minutes(30), t(3) + .minutes(31), t(2), t(9), t(9)] {
            submitted += submissions(try job.apply(.tick, at: max(now, job.actions.last?.createdAt ?? .zero)))
        }
        #expect(job.nominalTimes == [t(1), t(2), t(3), t(4), t(5)])
        #expect(job.actions.map(\.id) == ["C1@1", "C1@2", "C1@3", "C1@4", "C1@5"])
        #expect(submitted == ["C1@1", "C1@2", "C1@3", "C1@4", "C1@5"])
        #expect(job.isFullyMaterialized)
        #expect(job.invariantViolations().isEmpty)
        for id in submitted { _ = try job.apply(.workflowEnded(actionId: id, status: .succeeded), at: t(10)) }
        #expect(job.status == .succeeded)
    }

    @Test func wakesAtTheNextNominalTime() throws {
        let spec = CoordinatorSpec(name: "c", workflow: "w", start: t(2), end: t(4), frequency: hour, timeout: nil)
        var job = CoordinatorJob(id: "C", spec: spec)
        #expect(try job.apply(.start, at: t(0)) == [.wake(at: t(2))])
        let effects = try job.apply(.tick, at: t(2))
        #expect(effects == [
            .submitWorkflow(CoordinatorSubmission(coordinatorJobId: "C", actionId: "C@1", workflow: "w", nominalTime: t(2))),
            .wake(at: t(3)),
        ])
    }

    func backlog(_ order: ExecutionOrder, concurrency: Int = 1) throws -> (CoordinatorJob, [String]) {
        let spec = CoordinatorSpec(
            name: "c", workflow: "w", start: t(0), end: t(4), frequency: hour, concurrency: concurrency, timeout: nil,
            execution: order)
        var job = CoordinatorJob(id: "C", spec: spec)
        var order: [String] = []
        // The server was down for the first 3.5 hours: four nominal times are due at once.
        _ = try job.apply(.start, at: t(0) - .minutes(1))
        order += submissions(try job.apply(.tick, at: t(3) + .minutes(30)))
        var steps = 0
        while let running = job.actions.first(where: { $0.status.isActive }), steps < 10 {
            steps += 1
            order += submissions(try job.apply(.workflowEnded(actionId: running.id, status: .succeeded), at: t(3) + .minutes(40)))
        }
        return (job, order)
    }

    @Test func fifoRunsOldestFirstOneAtATime() throws {
        let (job, order) = try backlog(.fifo)
        #expect(order == ["C@1", "C@2", "C@3", "C@4"])
        #expect(job.status == .succeeded)
    }

    @Test func lifoRunsNewestFirst() throws {
        let (_, order) = try backlog(.lifo)
        #expect(order == ["C@4", "C@3", "C@2", "C@1"])
    }

    @Test func lastOnlySkipsSupersededActions() throws {
        let (job, order) = try backlog(.lastOnly)
        #expect(order == ["C@4"])
        #expect(job.actions.map(\.status) == [.skipped, .skipped, .skipped, .succeeded])
        #expect(job.status == .succeeded)
    }

    @Test func concurrencyLimitsActiveActions() throws {
        let spec = CoordinatorSpec(
            name: "c", workflow: "w", start: t(0), end: t(5), frequency: hour, concurrency: 2, timeout: nil)
        var job = CoordinatorJob(id: "C", spec: spec)
        _ = try job.apply(.start, at: t(0) - .minutes(1))
        #expect(submissions(try job.apply(.tick, at: t(4))) == ["C@1", "C@2"])
        #expect(job.actions.map(\.status) == [.submitted, .submitted, .ready, .ready, .ready])
        _ = try job.apply(.workflowStarted(actionId: "C@2"), at: t(4))
        #expect(submissions(try job.apply(.workflowEnded(actionId: "C@2", status: .failed), at: t(4))) == ["C@3"])
        #expect(job.actions.count { $0.status.isActive } == 2)
        #expect(job.invariantViolations().isEmpty)
    }

    @Test func dataTriggerWaitsForInputsAndTimesOut() throws {
        let logs = Dataset(name: "logs", frequency: hour, initialInstance: t(0))
        let report = Dataset(name: "report", frequency: hour, initialInstance: t(0))
        let spec = CoordinatorSpec(
            name: "c", workflow: "w", start: t(1), end: t(3), frequency: hour, concurrency: 5, timeout: .minutes(90),
            inputs: [DataInput(dataset: logs, instances: -1...0)], outputs: [DataOutput(dataset: report)])
        var job = CoordinatorJob(id: "C", spec: spec)
        _ = try job.apply(.start, at: t(0))
        #expect(submissions(try job.apply(.tick, at: t(1))).isEmpty)
        #expect(job.actions[0].missing == [DatasetInstance(dataset: "logs", time: t(0)), DatasetInstance(dataset: "logs", time: t(1))])
        _ = try job.apply(.datasetAvailable(DatasetInstance(dataset: "logs", time: t(0))), at: t(1) + .minutes(5))
        let ready = try job.apply(.datasetAvailable(DatasetInstance(dataset: "logs", time: t(1))), at: t(1) + .minutes(10))
        #expect(submissions(ready) == ["C@1"])
        let done = try job.apply(.workflowEnded(actionId: "C@1", status: .succeeded), at: t(1) + .minutes(20))
        #expect(done.contains(.datasetProduced(DatasetInstance(dataset: "report", time: t(1)))))
        // Action 2 needs logs@2, which never comes: it times out 90 minutes after it materialized.
        _ = try job.apply(.tick, at: t(2))
        #expect(job.actions[1].status == .waiting)
        let end = try job.apply(.tick, at: t(3) + .minutes(30))
        #expect(job.actions[1].status == .timedOut)
        #expect(end.last == .finished(.doneWithError))
    }

    @Test func suspendedNominalTimesMaterializeLateOnResume() throws {
        let spec = CoordinatorSpec(name: "c", workflow: "w", start: t(0), end: t(10), frequency: hour, concurrency: 20, timeout: nil)
        var job = CoordinatorJob(id: "C", spec: spec)
        _ = try job.apply(.start, at: t(0))
        _ = try job.apply(.suspend, at: t(0) + .minutes(1))
        #expect(try job.apply(.tick, at: t(5)).isEmpty)
        #expect(job.nominalTimes == [t(0)])
        _ = try job.apply(.resume, at: t(5) + .minutes(1))
        #expect(job.nominalTimes == [t(0), t(1), t(2), t(3), t(4), t(5)])
    }
}

@Suite struct CoordinatorJSONTests {
    @Test func readsACoordinatorWithDatasets() throws {
        let text = """
            [{ "name": "hourly", "workflow": "etl", "start": "5m", "end": "1d", "frequency": "1h",
               "concurrency": 2, "timeout": "never", "execution": "LAST_ONLY",
               "datasets": [ { "name": "logs", "frequency": "1h" }, { "name": "report", "frequency": "1h", "initialInstance": "5m" } ],
               "inputs": [ { "dataset": "logs", "from": -1, "to": 0 } ],
               "outputs": [ { "dataset": "report" } ] }]
            """
        let specs = try CoordinatorJSON.parse(Data(text.utf8), file: "c.json").get()
        let logs = Dataset(name: "logs", frequency: .hours(1), initialInstance: .zero)
        let report = Dataset(name: "report", frequency: .hours(1), initialInstance: .zero + .minutes(5))
        #expect(specs == [
            CoordinatorSpec(
                name: "hourly", workflow: "etl", start: .zero + .minutes(5), end: .zero + .days(1), frequency: .hours(1),
                concurrency: 2, timeout: nil, execution: .lastOnly,
                inputs: [DataInput(dataset: logs, instances: -1...0)], outputs: [DataOutput(dataset: report)])
        ])
    }

    @Test func errorsNameFileCoordinatorAndField() {
        func errors(_ text: String) -> [String] {
            switch CoordinatorJSON.parse(Data(text.utf8), file: "c.json") {
            case .success: return []
            case .failure(let e): return e.errors.map(\.description)
            }
        }
        let base = "\"name\": \"c\", \"workflow\": \"w\", \"start\": \"0s\", \"end\": \"1h\""
        #expect(errors("{\(base), \"frequency\": \"soon\"}") == [
            "c.json: node 'c': frequency: invalid duration \"soon\" (e.g. \"30s\", \"10m\", \"1h\")"
        ])
        #expect(errors("{\(base), \"frequency\": \"1h\", \"execution\": \"RANDOM\"}") == [
            "c.json: node 'c': execution: expected FIFO, LIFO or LAST_ONLY, found \"RANDOM\""
        ])
        #expect(errors("{\(base), \"frequency\": \"1h\", \"inputs\": [{\"dataset\": \"x\"}]}") == [
            "c.json: node 'c': inputs: unknown dataset 'x'"
        ])
        #expect(errors("{\(base), \"frequency\": \"0s\"}") == ["c.json: node 'c': c.frequency: must be > 0, found 0s"])
    }
}

@Suite struct CoordinatorXMLTests {
    @Test func readsARealisticCoordinatorApp() throws {
        let data = try Data(contentsOf: workflowsFolder.appendingPathComponent("hourly-coordinator.xml"))
        let spec = try CoordinatorXML.parse(data, file: "hourly-coordinator.xml").get()
        let logs = Dataset(name: "logs", frequency: .hours(1), initialInstance: .zero - .hours(1))
        let report = Dataset(name: "report", frequency: .hours(1), initialInstance: .zero)
        #expect(spec == CoordinatorSpec(
            name: "hourly-etl", workflow: "etl-fork-decision", start: .zero, end: .zero + .hours(24), frequency: .hours(1),
            concurrency: 2, timeout: .minutes(180), execution: .lifo, throttle: 6,
            inputs: [DataInput(dataset: logs, instances: -1...0)], outputs: [DataOutput(dataset: report)]))
        // With an explicit epoch the times shift, the shape does not.
        let shifted = try CoordinatorXML.parse(data, file: "c.xml", epoch: "2008-12-31T00:00Z").get()
        #expect(shifted.start == .zero + .hours(25))
        #expect(CoordinatorXML.parse(data, file: "c.xml", epoch: "2009-01-01").map(\.name) == .failure(WorkflowErrors([
            WorkflowError(file: "c.xml", node: "hourly-etl", line: 3, message: "epoch: expected a UTC time like 2009-01-01T01:00Z, found \"2009-01-01\"")
        ])))
    }

    @Test func unsupportedFrequencyNamesTheElement() {
        let text = """
            <coordinator-app name="monthly" frequency="${coord:months(1)}" start="2009-01-01T00:00Z" end="2010-01-01T00:00Z">
              <action><workflow><app-path>/x/w</app-path></workflow></action>
            </coordinator-app>
            """
        switch CoordinatorXML.parse(Data(text.utf8), file: "m.xml") {
        case .success: Issue.record("months are not supported")
        case .failure(let errors):
            #expect(errors.description.hasPrefix("m.xml:1: node 'monthly': unsupported frequency \"${coord:months(1)}\""))
        }
    }
}
