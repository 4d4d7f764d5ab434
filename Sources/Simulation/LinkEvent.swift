/// What the kernel reports to observers when a scripted fault changes the network: the directed
/// link from the observed host to another was cut or restored. Emitted by ``Simulator/cutLink(from:to:)``,
/// ``Simulator/healLink(from:to:)``, ``Simulator/partition(_:)`` and, once per link it restores,
/// ``Simulator/healAll()``, so an observer that derives a state from reachability (the cluster's
/// service signal) re-evaluates it exactly when a link changes.
public enum LinkEvent: Observation, Sendable, Equatable {
    case cut(to: HostID)
    case healed(to: HostID)
}
