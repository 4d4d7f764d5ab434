/// Faults that name a role ("the ZooKeeper leader") instead of a host: the host is the role's
/// holder when the fault applies, so a script can kill whoever leads, whatever the elections
/// before decided — as a chaos test or the calibration harness does (`kill -9` of the leader).
extension Simulator {
    /// Makes `role` resolvable: `resolver` answers the host holding it now, or nil if none does.
    /// A later registration of the same role replaces the earlier one.
    public func registerRole(_ role: String, resolver: @escaping () -> HostID?) {
        roleResolvers[role] = resolver
    }

    /// The host holding `role` now; nil when the role is unknown or nobody holds it.
    public func holder(of role: String) -> HostID? { roleResolvers[role]?() }
}

extension Fault {
    /// Whether the fault takes a host down or freezes it (resolved to the role's current holder),
    /// rather than bringing one back (resolved to the host the role's last such fault hit).
    var takesHostDown: Bool {
        switch self {
        case .crash, .pause, .pauseOnSend: return true
        default: return false
        }
    }

    /// The same fault applied to `host`; faults that do not name one host are returned as they are.
    func retargeted(to host: HostID) -> Fault {
        switch self {
        case .crash(_, let mode, let lose): return .crash(host, mode: mode, loseUnsyncedWrites: lose)
        case .restart(_, let wipe): return .restart(host, wipeDisk: wipe)
        case .pause: return .pause(host)
        case .pauseOnSend(_, let trigger): return .pauseOnSend(host, trigger)
        case .resume: return .resume(host)
        case .clockJump(_, let d): return .clockJump(host, d)
        case .clockDrift(_, let drift): return .clockDrift(host, drift)
        case .partition, .cutLink, .healLink, .healAll: return self
        }
    }
}
