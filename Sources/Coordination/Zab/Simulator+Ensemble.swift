import Simulation

extension Simulator {
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
        return frozen
    }
}
