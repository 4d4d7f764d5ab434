import Scheduler
import Simulation
import Testing

@Suite struct ComputeServiceTests {
    @Test func relaunchWithTheSameIdNeverRunsTheWorkTwice() throws {
        let sim = Simulator(seed: 11)
        let log = ObservationLog()
        sim.addObserver(log)
        let settings = ComputeSettings(defaultProfile: ComputeProfile(duration: .deterministic(60)))
        let compute = sim.addHost("compute", durable: { ComputeDisk() }, process: { _ in ComputeService(settings: settings) })
        let launch = ComputeLaunch(launchId: "J@a@1", type: "shell")
        let client = sim.addHost("server-1", process: { _ in
            Recorder([(.seconds(1), compute, launch), (.seconds(2), compute, launch), (.seconds(90), compute, launch)])
        })
        // A second server (a standby that took over) relaunches the same id.
        let standby = sim.addHost("server-2", process: { _ in Recorder([(.seconds(30), compute, launch)]) })
        sim.run(until: .zero + .seconds(120))
        #expect(log.all(ComputeObservation.self) == [.workStarted(launchId: "J@a@1"), .workEnded(launchId: "J@a@1", outcome: .ok)])
        let first = sim.process(of: client) as! Recorder
        #expect(first.messages(ComputeAccepted.self).map(\.isNew) == [true, false, false])
        // The completion goes to the latest requester (the standby), and again to whoever relaunches after it.
        #expect(first.messages(ComputeCompleted.self) == [ComputeCompleted(launchId: "J@a@1", outcome: .ok)])
        let second = sim.process(of: standby) as! Recorder
        #expect(second.messages(ComputeAccepted.self).map(\.isNew) == [false])
        #expect(second.messages(ComputeCompleted.self).count == 1)
    }

    @Test func runsSurviveAComputeCrashAndAreNotRedrawn() throws {
        let sim = Simulator(seed: 5)
        let log = ObservationLog()
        sim.addObserver(log)
        let settings = ComputeSettings(defaultProfile: ComputeProfile(duration: .uniform(min: 50, max: 70), failureProbability: 0.5))
        let compute = sim.addHost("compute", durable: { ComputeDisk() }, process: { _ in ComputeService(settings: settings) })
        let launches = (1...4).map { ComputeLaunch(launchId: "J@a\($0)@1", type: "java") }
        _ = sim.addHost("server", process: { _ in
            Recorder(launches.map { (.seconds(1), compute, $0 as any Message) } + launches.map { (.seconds(100), compute, $0) })
        })
        sim.run(until: .zero + .seconds(20))
        sim.crash(compute)
        sim.run(until: .zero + .seconds(40))
        sim.restart(compute)
        sim.run(until: .zero + .seconds(200))
        let started = log.all(ComputeObservation.self).filter { if case .workStarted = $0 { true } else { false } }
        let ended = log.all(ComputeObservation.self).filter { if case .workEnded = $0 { true } else { false } }
        #expect(started.count == 4)
        #expect(ended.count == 4)
        let disk = sim.durable(of: compute) as! ComputeDisk
        #expect(disk.runs.map(\.launchId) == launches.map(\.launchId))
    }
}

extension ComputeServiceTests {
    /// Finished runs are forgotten beyond `maxFinishedRuns`, oldest first (YARN's completed-
    /// applications limit); a run still going is kept however old, and ends as drawn.
    @Test func finishedRunsBeyondTheLimitAreForgottenOldestFirst() throws {
        let sim = Simulator(seed: 3)
        let log = ObservationLog()
        sim.addObserver(log)
        var settings = ComputeSettings(defaultProfile: ComputeProfile(duration: .deterministic(10)))
        settings.profiles["long"] = ComputeProfile(duration: .deterministic(5_000))
        settings.maxFinishedRuns = 2
        let compute = sim.addHost("compute", durable: { ComputeDisk() }, process: { _ in ComputeService(settings: settings) })
        let long = ComputeLaunch(launchId: "L@a@1", type: "long")
        let short = (1...2_000).map { ComputeLaunch(launchId: "J\($0)@a@1", type: "shell") }
        _ = sim.addHost("server", process: { _ in
            Recorder([(.seconds(1), compute, long as any Message)] + short.map { (.seconds(2), compute, $0) })
        })
        sim.run(until: .zero + .seconds(3_000))
        let disk = sim.durable(of: compute) as! ComputeDisk
        #expect(disk.runs.map(\.launchId) == ["L@a@1", "J1999@a@1", "J2000@a@1"])
        sim.run(until: .zero + .seconds(6_000))
        #expect(log.all(ComputeObservation.self).last == .workEnded(launchId: "L@a@1", outcome: .ok))
        #expect(disk.runs.map(\.launchId) == ["L@a@1", "J2000@a@1"])
    }
}

@Suite struct JobStoreTests {
    @Test func optimisticVersionConflict() {
        var store = JobStoreState(fencing: false)
        #expect(store.execute(StoreTransaction(expectedVersions: [("job/1", 0)], writes: [("job/1", "PREP")])) == .committed(versions: [1]))
        // Two servers read version 1; the first write wins, the second conflicts.
        #expect(store.execute(StoreTransaction(expectedVersions: [("job/1", 1)], writes: [("job/1", "RUNNING")])) == .committed(versions: [2]))
        #expect(
            store.execute(StoreTransaction(expectedVersions: [("job/1", 1)], writes: [("job/1", "KILLED")]))
                == .conflict(key: "job/1", expected: 1, found: 2))
        #expect(store.read(["job/1"]) == [StoredRow(key: "job/1", version: 2, value: "RUNNING")])
        // Inserting an existing key with expected version 0 conflicts too: ids cannot be taken twice.
        #expect(store.execute(StoreTransaction(expectedVersions: [("job/1", 0)], writes: [("job/1", "x")])) == .conflict(key: "job/1", expected: 0, found: 2))
        // A failed check leaves every write of the transaction undone.
        _ = store.execute(StoreTransaction(expectedVersions: [("job/1", 9)], writes: [("job/2", "new")]))
        #expect(store.read(["job/2"]).isEmpty)
    }

    @Test func staleFencingTokenIsRejectedOnlyWithFencingOn() {
        let old = Fence(scope: "leader", token: FencingToken(7))
        let new = Fence(scope: "leader", token: FencingToken(9))
        var fenced = JobStoreState(fencing: true)
        var unfenced = JobStoreState(fencing: false)
        for i in 0..<2 {
            var store = i == 0 ? fenced : unfenced
            #expect(store.execute(StoreTransaction(writes: [("a", "1")], fence: old)) == .committed(versions: [1]))
            #expect(store.execute(StoreTransaction(writes: [("a", "2")], fence: new)) == .committed(versions: [2]))
            let late = store.execute(StoreTransaction(writes: [("a", "stale")], fence: old))
            if i == 0 {
                #expect(late == .staleToken(scope: "leader", presented: FencingToken(7), highest: FencingToken(9)))
                #expect(store.read(["a"]).first?.value == "2")
                fenced = store
            } else {
                #expect(late == .committed(versions: [3]), "without fencing the split brain's write lands")
                unfenced = store
            }
        }
        // Scopes are independent: a per-job lock token does not fence another job.
        #expect(fenced.execute(StoreTransaction(writes: [("b", "1")], fence: Fence(scope: "job-2", token: FencingToken(1)))) == .committed(versions: [1]))
        #expect(unfenced.highestTokens["leader"] == FencingToken(9))
    }

    @Test func storeProcessSurvivesCrashAndScansInKeyOrder() {
        let sim = Simulator(seed: 3)
        let store = sim.addHost("db", durable: { JobStoreDisk(fencing: true) }, process: { _ in JobStore() })
        let writes = ["job/3", "job/1", "job/2", "other/1"].enumerated().map { i, key in
            (SimDuration.milliseconds(Int64(10 + i)), store,
             StoreRequest(requestId: Int64(i), operation: .transact(StoreTransaction(expectedVersions: [(key, 0)], writes: [(key, "v")]))) as any Message)
        }
        let client = sim.addHost("server", process: { _ in
            Recorder(writes + [
                (.seconds(5), store, StoreRequest(requestId: 10, operation: .scan(prefix: "job/"))),
                (.seconds(20), store, StoreRequest(requestId: 11, operation: .scan(prefix: "job/"))),
            ])
        })
        sim.run(until: .zero + .seconds(1))
        sim.crash(store)
        sim.run(until: .zero + .seconds(10))
        sim.restart(store)
        sim.run(until: .zero + .seconds(30))
        let responses = (sim.process(of: client) as! Recorder).messages(StoreResponse.self)
        #expect(responses.map(\.requestId) == [0, 1, 2, 3, 11], "the scan sent while the database was down is lost")
        #expect(responses.last?.result == .rows(["job/1", "job/2", "job/3"].map { StoredRow(key: $0, version: 1, value: "v") }))
    }
}

@Suite struct LoadBalancerTests {
    func picks(_ policy: BalancerPolicy, weights: [Int]? = nil, healthy: [Bool] = [true, true, true], clients: [Int]) -> [Int] {
        var picker = BackendPicker(policy: policy, backends: [HostID(1), HostID(2), HostID(3)], weights: weights)
        return clients.map { picker.pick(client: HostID($0), healthy: healthy)! }
    }

    @Test func roundRobinSkipsUnhealthyBackends() {
        #expect(picks(.roundRobin, clients: Array(repeating: 0, count: 5)) == [0, 1, 2, 0, 1])
        #expect(picks(.roundRobin, healthy: [true, false, true], clients: Array(repeating: 0, count: 4)) == [0, 2, 0, 2])
    }

    @Test func weightedRoundRobinIsSmooth() {
        #expect(picks(.weightedRoundRobin, weights: [5, 1, 1], clients: Array(repeating: 0, count: 7)) == [0, 0, 1, 0, 2, 0, 0])
    }

    @Test func leastConnectionsPicksTheIdlest() {
        var picker = BackendPicker(policy: .leastConnections, backends: [HostID(1), HostID(2), HostID(3)])
        let all = [true, true, true]
        var chosen: [Int] = []
        for _ in 0..<3 {
            let i = picker.pick(client: HostID(0), healthy: all)!
            picker.opened(i)
            chosen.append(i)
        }
        picker.closed(1)
        chosen.append(picker.pick(client: HostID(0), healthy: all)!)
        #expect(chosen == [0, 1, 2, 1])
    }

    @Test func sourceHashIsStickyPerClient() {
        let first = picks(.sourceHash, clients: [4, 5, 6, 7, 4, 5, 6, 7])
        #expect(Array(first[0..<4]) == Array(first[4..<8]))
        #expect(Set(first).count > 1)
    }

    @Test func healthChecksTakeADeadBackendOutAndBringItBack() {
        let sim = Simulator(seed: 1)
        let backends = (1...2).map { n in sim.addHost("server-\(n)", process: { _ in EchoBackend(name: "server-\(n)") }) }
        let health = HealthCheckSettings(interval: .seconds(2), fall: 3, rise: 2)
        let balancer = sim.addHost("lb", process: { _ in LoadBalancer(backends: backends, policy: .roundRobin, health: health) })
        let requests = (0..<30).map { (SimDuration.seconds(Int64($0)), balancer, Note(text: "ping-\($0)") as any Message) }
        let client = sim.addHost("client", process: { _ in Recorder(requests) })
        let log = ObservationLog()
        sim.addObserver(log)
        sim.run(until: .zero + .seconds(5) + .milliseconds(500))
        sim.crash(backends[1], mode: .process)
        sim.run(until: .zero + .seconds(15) + .milliseconds(500))
        sim.restart(backends[1])
        sim.run(until: .zero + .seconds(40))
        let changes = log.all(BalancerObservation.self)
        #expect(changes == [BalancerObservation(backend: backends[1], healthy: false), BalancerObservation(backend: backends[1], healthy: true)])
        // server-2's checks start at 1 s (spread over one inter), each 2 s after the last ended. The
        // process crash refuses them: refused at ~7, ~9 and ~11 s, so it is down at ~11 s, 5.5 s
        // after the crash (HAProxy: 4–6 s); the checks at ~17 and ~19 s pass (up).
        let times = log.entries.filter { $0.observation is BalancerObservation }.map { ($0.time - SimTime.zero).seconds }
        #expect(times.count == 2 && (11.0...11.1).contains(times[0]) && (19.0...19.1).contains(times[1]), "\(times)")
        let recorder = sim.process(of: client) as! Recorder
        let answers = recorder.messages(Note.self).map(\.text)
        let refused = recorder.messages(BalancerUnavailable.self)
        // Until the balancer marks server-2 down, requests sent to it fail; every request gets an answer.
        #expect(answers.count + refused.count == 30)
        #expect(refused.count >= 1 && refused.count <= 4, "\(refused.count) refused")
        // Each refusal names its own request: one sent to server-2 between its crash (5.5 s) and
        // the mark-down (11 s), each refused at once.
        let refusedIndices = refused.compactMap { ($0.request as? Note).flatMap { Int($0.text.dropFirst(5)) } }
        #expect(refusedIndices.count == refused.count && Set(refusedIndices).count == refused.count)
        #expect(refusedIndices.allSatisfy { (6...11).contains($0) }, "\(refusedIndices)")
        let tail = Array(answers.suffix(6))
        #expect(Set(tail) == ["server-1", "server-2"])
        #expect(zip(tail, tail.dropFirst()).allSatisfy { $0 != $1 }, "round-robin alternates again: \(tail)")
    }

    @Test func leastConnectionsForgetsRequestsHeldByABackendMarkedDown() {
        let sim = Simulator(seed: 2)
        let backends = (1...2).map { n in sim.addHost("server-\(n)", process: { _ in EchoBackend(name: "server-\(n)") }) }
        let health = HealthCheckSettings(interval: .seconds(1), fall: 2, rise: 1)
        let balancer = sim.addHost("lb", process: { _ in LoadBalancer(backends: backends, policy: .leastConnections, health: health) })
        let requests = (0..<20).map { (SimDuration.seconds(Int64($0)) + .milliseconds(500), balancer, Note(text: "ping") as any Message) }
        let client = sim.addHost("client", process: { _ in Recorder(requests) })
        sim.run(until: .zero + .seconds(2))
        sim.pause(backends[0])
        sim.run(until: .zero + .seconds(8))
        sim.resume(backends[0])
        sim.run(until: .zero + .seconds(25))
        let recorder = sim.process(of: client) as! Recorder
        let answers = recorder.messages(Note.self).map(\.text)
        // The request held by the paused server fails when it is marked down. Once it rises again,
        // least-connections picks it on ties (lowest index); were the lost request still counted,
        // it would send everything to server-2 forever.
        #expect(recorder.messages(BalancerUnavailable.self).map(\.reason) == ["backend marked down"])
        #expect(answers.suffix(6) == Array(repeating: "server-1", count: 6))
    }
}
