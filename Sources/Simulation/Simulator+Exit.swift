/// A process that ends itself, and the host's supervisor that starts it again.
///
/// A real server exits on purpose (Oozie calls `System.exit(1)` when its ZooKeeper session is
/// lost); the operating system then closes its sockets, exactly as after kill -9. What brings it
/// back is not the process but the host's supervisor (systemd's `Restart=on-failure`, a container
/// runtime's restart policy), after its delay. Hosts without a supervisor stay down until a
/// failure model or a scripted fault restarts them.
extension Simulator {
    /// Restarts `host`'s process `delay` after it exits by itself (``ProcessContext/exit()``). A
    /// crash of the machine is not an exit: a failure model's repair, not the supervisor, ends it.
    public func supervise(_ host: HostID, restartAfter delay: SimDuration) {
        precondition(delay >= .zero, "a restart delay is not negative")
        hosts[Int(host.index)].supervisorDelay = delay
    }

    /// Ends the process at the current instant, after the handler that asked returns.
    func requestExit(of host: HostID) {
        let record = hosts[Int(host.index)]
        queue.push(time: now.nanoseconds, target: KernelTarget.exit, kind: record.incarnation, payload: Int64(host.index))
    }

    /// The exit: a crash whose connections the operating system resets; then the supervisor's
    /// restart, if the host has one. Both are tied to the incarnation that asked, so a crash or a
    /// restart in between cancels them.
    func exitProcess(_ event: Event) {
        let host = HostID(Int32(truncatingIfNeeded: event.payload))
        let record = hosts[Int(host.index)]
        guard record.status == .up, record.incarnation == event.kind else { return }
        trace.note("exit", at: now, host: host, detail: record.name)
        crash(host)
        guard let delay = record.supervisorDelay else { return }
        queue.push(
            time: (now + delay).nanoseconds, target: KernelTarget.supervisedRestart, kind: record.incarnation,
            payload: Int64(host.index))
    }

    /// The supervisor starts the process again unless something else already did or the host
    /// crashed again since the exit.
    func supervisedRestart(_ event: Event) {
        let host = HostID(Int32(truncatingIfNeeded: event.payload))
        let record = hosts[Int(host.index)]
        guard record.status == .crashed, record.incarnation == event.kind else { return }
        restart(host)
    }
}
