import Coordination
import Simulation

/// Turns the scenario's scripted faults, which name hosts, into the kernel's timeline.
enum FaultPlan {
    /// The scripted faults of a loaded scenario, whose host names the loader already checked.
    static func timeline(of scenario: Scenario) -> [ScheduledFault] {
        do { return try timeline(scenario.faults, hostNames: scenario.system.hostNames) } catch {
            preconditionFailure("a loaded scenario's faults name its hosts: \(error)")
        }
    }

    /// Maps each ``FaultSpec`` to kernel faults; `hostNames` are in host id order. Unknown host
    /// names are errors at `$.faults[firstIndex + i]`.
    static func timeline(_ specs: [FaultSpec], hostNames: [String], file: String = "", firstIndex: Int = 0)
        throws(ScenarioError) -> [ScheduledFault]
    {
        let hosts = hostNames.enumerated().map { (name: $1, id: HostID($0)) }
        var timeline: [ScheduledFault] = []
        for (i, spec) in specs.enumerated() {
            func id(_ name: String, _ field: String) throws(ScenarioError) -> HostID {
                guard let id = hosts.first(where: { $0.name == name })?.id else {
                    throw ScenarioError(
                        file: file, path: "$.faults[\(firstIndex + i)].\(field)", expected: "one of the scenario's hosts: "
                            + hosts.map(\.name).joined(separator: ", "), found: "\"\(name)\"")
                }
                return id
            }
            let at = SimTime.zero + spec.at
            if spec.targets.contains(where: { $0.hasPrefix("@") }) {
                timeline.append(contentsOf: try roleFaults(spec, at: at, hostNames: hostNames, path: "$.faults[\(firstIndex + i)]", file: file))
                continue
            }
            var ids: [HostID] = []
            for name in spec.targets { ids.append(try id(name, "host")) }
            let rest = hosts.map(\.id).filter { !ids.contains($0) }
            switch spec.action {
            case .crash: timeline += ids.map { ScheduledFault(at: at, .crash($0, mode: spec.crashMode)) }
            case .restart: timeline += ids.map { ScheduledFault(at: at, .restart($0, wipeDisk: spec.wipeDisk)) }
            case .pause:
                if let peer = spec.onSendTo {
                    let to = try id(peer, "on_send_to")
                    let trigger = SendTrigger(to: to, kind: spec.onSendKind)
                    timeline += ids.map { ScheduledFault(at: at, .pauseOnSend($0, trigger)) }
                } else {
                    timeline += ids.map { ScheduledFault(at: at, .pause($0)) }
                }
            case .resume: timeline += ids.map { ScheduledFault(at: at, .resume($0)) }
            case .loseUnsyncedWrites:
                timeline += ids.map { ScheduledFault(at: at, .crash($0, mode: spec.crashMode, loseUnsyncedWrites: true)) }
            case .diskLoss:
                timeline += ids.flatMap {
                    [ScheduledFault(at: at, .crash($0, mode: spec.crashMode)), ScheduledFault(at: at, .restart($0, wipeDisk: true))]
                }
            case .heal: timeline.append(ScheduledFault(at: at, .healAll))
            case .clockJump:
                guard let by = spec.by else {
                    throw ScenarioError(file: file, path: "$.faults[\(firstIndex + i)].by", expected: "a duration for clock_jump", found: "nothing")
                }
                timeline += ids.map { ScheduledFault(at: at, .clockJump($0, by)) }
            case .clockDrift:
                guard let drift = spec.drift else {
                    throw ScenarioError(file: file, path: "$.faults[\(firstIndex + i)].drift", expected: "a drift rate for clock_drift", found: "nothing")
                }
                timeline += ids.map { ScheduledFault(at: at, .clockDrift($0, drift)) }
            case .cutLink, .healLink:
                guard let far = spec.to else {
                    throw ScenarioError(file: file, path: "$.faults[\(firstIndex + i)].to", expected: "the host at the far end", found: "nothing")
                }
                let to = try id(far, "to")
                timeline += ids.map { ScheduledFault(at: at, spec.action == .cutLink ? .cutLink(from: $0, to: to) : .healLink(from: $0, to: to)) }
            case .partition:
                if spec.oneWay {
                    timeline += ids.flatMap { a in rest.map { b in ScheduledFault(at: at, .cutLink(from: a, to: b)) } }
                } else {
                    timeline.append(ScheduledFault(at: at, .partition([ids, rest])))
                }
            }
        }
        return timeline
    }

    /// The name a script uses for the ZooKeeper leader, resolved when the fault applies.
    static let zooKeeperLeader = "@" + Simulator.zooKeeperLeaderRole

    /// A fault on `@zk_leader`: crash, pause, lose_unsynced_writes and disk_loss hit the server
    /// leading at that moment; restart and resume the one the last of those hit. Anything else
    /// (partitions, links, clocks) names hosts.
    private static func roleFaults(_ spec: FaultSpec, at: SimTime, hostNames: [String], path: String, file: String)
        throws(ScenarioError) -> [ScheduledFault]
    {
        let placeholder = HostID(0)
        let role = Simulator.zooKeeperLeaderRole
        let expected = "\"\(zooKeeperLeader)\" alone, on crash, restart, pause, resume, lose_unsynced_writes or disk_loss, in a scenario with a ZooKeeper ensemble"
        guard spec.targets == [zooKeeperLeader], hostNames.contains("zk1"), spec.onSendTo == nil else {
            throw ScenarioError(file: file, path: path + ".host", expected: expected,
                found: spec.targets.map { "\"\($0)\"" }.joined(separator: ", ") + " on \(spec.action.rawValue)")
        }
        switch spec.action {
        case .crash: return [ScheduledFault(at: at, .crash(placeholder, mode: spec.crashMode), role: role)]
        case .restart: return [ScheduledFault(at: at, .restart(placeholder, wipeDisk: spec.wipeDisk), role: role)]
        case .pause: return [ScheduledFault(at: at, .pause(placeholder), role: role)]
        case .resume: return [ScheduledFault(at: at, .resume(placeholder), role: role)]
        case .loseUnsyncedWrites:
            return [ScheduledFault(at: at, .crash(placeholder, mode: spec.crashMode, loseUnsyncedWrites: true), role: role)]
        case .diskLoss:
            return [ScheduledFault(at: at, .crash(placeholder, mode: spec.crashMode), role: role),
                    ScheduledFault(at: at, .restart(placeholder, wipeDisk: true), role: role)]
        case .partition, .heal, .clockJump, .clockDrift, .cutLink, .healLink:
            throw ScenarioError(file: file, path: path + ".host", expected: expected, found: "\"\(zooKeeperLeader)\" on \(spec.action.rawValue)")
        }
    }
}
