@testable import Simulation
import Testing

/// Observers that name their observation types get only those, in registration order with the rest.
@Suite struct ObserverRouteTests {
    struct Ping: Observation { let n: Int }
    struct Pong: Observation { let n: Int }

    final class Log: Observer {
        let name: String
        let types: [any Observation.Type]?
        let lines: (String) -> Void
        init(_ name: String, types: [any Observation.Type]?, lines: @escaping (String) -> Void) {
            (self.name, self.types, self.lines) = (name, types, lines)
        }
        var observedTypes: [any Observation.Type]? { types }
        func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
            switch observation {
            case let p as Ping: lines("\(name) ping \(p.n)")
            case let p as Pong: lines("\(name) pong \(p.n)")
            default: lines("\(name) other")
            }
        }
    }

    @Test func eachObservationReachesItsObserversInRegistrationOrder() {
        let simulator = Simulator(seed: 1)
        var lines: [String] = []
        simulator.addObserver(Log("all", types: nil) { lines.append($0) })
        simulator.addObserver(Log("pings", types: [Ping.self]) { lines.append($0) })
        simulator.addObserver(Log("both", types: [Pong.self, Ping.self]) { lines.append($0) })
        simulator.emit(Ping(n: 1), host: HostID(0))
        simulator.emit(Pong(n: 2), host: HostID(0))
        simulator.emit(HostEvent.crashed, host: HostID(0))
        #expect(lines == ["all ping 1", "pings ping 1", "both ping 1", "all pong 2", "both pong 2", "all other"])

        // An observer added later joins the routes already built.
        lines = []
        simulator.addObserver(Log("late", types: [Pong.self]) { lines.append($0) })
        simulator.emit(Pong(n: 3), host: HostID(0))
        simulator.emit(Ping(n: 4), host: HostID(0))
        #expect(lines == ["all pong 3", "both pong 3", "late pong 3", "all ping 4", "pings ping 4", "both ping 4"])
    }
}
