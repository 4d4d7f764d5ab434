import Scenarios
import Simulation

/// One benchmark and its parameters: the kernel alone (PHOLD, hold), the network's send/deliver
/// path (messages), and the whole protocol stack (cluster).
struct BenchCase {
    /// What a run produced: events handled, the virtual time it ended at, and for the cluster the
    /// simulated days it covered and its trace digest (a determinism check).
    struct Outcome {
        var events: Int
        var finalTime: SimTime
        var simulatedDays: Double? = nil
        var digest: UInt64? = nil
    }

    enum Model {
        case phold(processes: Int)
        case hold(pending: Int)
        /// `MessageExchangeModel`: relays passing tokens over FIFO connections.
        case messages(hosts: Int, tokens: Int)
        /// One replication of ``BenchCase/clusterScenario`` over `days` simulated days.
        case cluster(days: Int)
    }

    let model: Model

    /// Every benchmark, for a cluster span of `days`.
    static func all(days: Int) -> [BenchCase] {
        [
            BenchCase(model: .phold(processes: 1_000)),
            BenchCase(model: .hold(pending: 10_000)),
            BenchCase(model: .hold(pending: 1_000_000)),
            BenchCase(model: .messages(hosts: 16, tokens: 64)),
            BenchCase(model: .cluster(days: days)),
        ]
    }

    static let names = ["phold", "hold", "messages", "cluster"]

    var name: String {
        switch model {
        case .phold: "phold"
        case .hold: "hold"
        case .messages: "messages"
        case .cluster: "cluster"
        }
    }

    /// The parameters as JSON members and as a short label.
    var parameters: (json: String, label: String) {
        switch model {
        case .phold(let processes): ("\"processes\":\(processes)", "processes=\(processes)")
        case .hold(let pending): ("\"pending\":\(pending)", "pending=\(pending)")
        case .messages(let hosts, let tokens): ("\"hosts\":\(hosts),\"tokens\":\(tokens)", "hosts=\(hosts)")
        case .cluster(let days): ("\"scenario\":\"quickstart\",\"days\":\(days)", "days=\(days)")
        }
    }

    /// Builds the model (untimed), then runs it inside `timed`. The cluster ignores `events`: its
    /// span is fixed by `days`.
    func run(events: Int, seed: UInt64, timed: (() -> Void) -> Void) -> Outcome {
        let simulator = Simulator(seed: seed)
        switch model {
        case .phold(let processes):
            let phold = FixedPopulationModel.phold(processes: processes, eventLimit: events, in: simulator)
            timed { phold.run(simulator) }
            return Outcome(events: phold.eventsHandled, finalTime: simulator.now)
        case .hold(let pending):
            let hold = FixedPopulationModel.hold(pending: pending, eventLimit: events, in: simulator)
            timed { hold.run(simulator) }
            return Outcome(events: hold.eventsHandled, finalTime: simulator.now)
        case .messages(let hosts, let tokens):
            let exchange = MessageExchangeModel(hosts: hosts, tokens: tokens, eventLimit: events, in: simulator)
            timed { exchange.run() }
            return Outcome(events: simulator.eventsProcessed, finalTime: simulator.now)
        case .cluster(let days):
            var scenario = Self.clusterScenario
            scenario.seed = seed
            scenario.duration = .days(Int64(days))
            let runner = ReplicationRunner(scenario: scenario, jobs: 1)
            var outcome: ReplicationOutcome?
            timed { outcome = runner.replicate(0) }
            let measured = Double(days) - scenario.warmUp.seconds / 86_400
            return Outcome(
                events: outcome!.events, finalTime: .zero + scenario.duration, simulatedDays: measured,
                digest: outcome!.digest)
        }
    }

    /// The quickstart design, fixed here so the benchmark does not move when the shipped scenario
    /// is edited: a 3-server ensemble, two schedulers in active-standby, the database, the
    /// balancer and the probe, every part failing by an accelerated model.
    static let clusterScenario: Scenario = {
        let text = """
            {"name": "bench-cluster", "kind": "cluster", "seed": 1, "duration": "4d", "warm_up": "2h",
             "replications": 2,
             "cluster": {
               "zookeeper": {"servers": 3}, "schedulers": 2, "mode": "active-standby",
               "action_duration": {"exponential": {"mean": "2m"}},
               "probe": {"interval": "30s", "timeout": "10s"},
               "failures": {
                 "zookeeper": {"ttf": {"exponential": {"mean": "1d"}}, "ttr": {"exponential": {"mean": "1h"}}},
                 "schedulers": {"ttf": {"exponential": {"mean": "12h"}}, "ttr": {"exponential": {"mean": "20m"}}},
                 "database": {"ttf": {"exponential": {"mean": "3d"}}, "ttr": {"exponential": {"mean": "15m"}}}}}}
            """
        do { return try ScenarioLoader.parse(text, file: "bench-cluster") } catch {
            preconditionFailure("the built-in benchmark scenario is invalid: \(error)")
        }
    }()
}
