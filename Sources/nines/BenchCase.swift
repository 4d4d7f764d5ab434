import Simulation

/// One kernel benchmark and its parameters.
struct BenchCase {
    /// What a run produced: events handled and the virtual time it ended at.
    struct Outcome {
        var events: Int
        var finalTime: SimTime
    }

    enum Model {
        case phold(processes: Int)
        case hold(pending: Int)
    }

    let model: Model

    static let all = [
        BenchCase(model: .phold(processes: 1_000)),
        BenchCase(model: .hold(pending: 10_000)),
        BenchCase(model: .hold(pending: 1_000_000)),
    ]

    var name: String {
        switch model {
        case .phold: "phold"
        case .hold: "hold"
        }
    }

    /// The parameters as JSON members and as a short label.
    var parameters: (json: String, label: String) {
        switch model {
        case .phold(let processes): ("\"processes\":\(processes)", "processes=\(processes)")
        case .hold(let pending): ("\"pending\":\(pending)", "pending=\(pending)")
        }
    }

    /// Builds the model (untimed), then runs it inside `timed`.
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
        }
    }
}
