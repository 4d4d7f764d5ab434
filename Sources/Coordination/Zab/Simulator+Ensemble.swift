import Simulation

extension Simulator {
    /// The role a scripted fault names as `@zk_leader`: the server leading the ensemble.
    public static let zooKeeperLeaderRole = "zk_leader"

    /// Adds `size` ZooKeeper servers named `zk1…zkN` (or `<prefix>1…`) and returns their
    /// configuration; hand `config.servers` to clients as their connection string.
    ///
    /// - Parameter configure: adjusts the timings (tickTime, initLimit, syncLimit, forceSync…)
    ///   before the servers are built.
    @discardableResult
    public func addZooKeeperEnsemble(
        size: Int, namePrefix: String = "zk", configure: (inout ZabConfig) -> Void = { _ in }
    ) -> ZabConfig {
        precondition(size > 0, "an ensemble needs at least one server")
        let first = hostIDs.count
        var config = ZabConfig(servers: (first..<first + size).map { HostID($0) })
        configure(&config)
        let frozen = config
        for i in 0..<size {
            let id = addHost("\(namePrefix)\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: frozen) })
            precondition(id == frozen.servers[i], "hosts were added while the ensemble was being built")
        }
        registerZooKeeperLeaderRole(servers: frozen.servers)
        return frozen
    }

    /// Makes `@zk_leader` name the up server among `servers` that leads the newest established
    /// epoch (a paused or cut-off old leader may still believe it leads an older one).
    public func registerZooKeeperLeaderRole(servers: [HostID]) {
        registerRole(Self.zooKeeperLeaderRole) { [unowned self] in
            servers.filter { self.status(of: $0) == .up }
                .compactMap { self.process(of: $0) as? ZabServer }
                .filter(\.isEstablishedLeader)
                .max { ($0.currentEpoch, $0.me) < ($1.currentEpoch, $1.me) }?.me
        }
    }
}
