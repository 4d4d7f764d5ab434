extension Simulator {
    /// Adds a host whose process starts at the current time.
    ///
    /// - Parameters:
    ///   - name: a stable name, used in traces and to derive the host's random stream.
    ///   - makeDurable: makes the host's empty disk (at boot and after a disk loss).
    ///   - makeProcess: makes a fresh process, at boot and at every restart.
    @discardableResult
    public func addHost(
        _ name: String, durable makeDurable: @escaping () -> any DurableState = { NoDurableState() },
        process makeProcess: @escaping (HostID) -> any Process
    ) -> HostID {
        let id = HostID(hosts.count)
        network.grow(to: hosts.count + 1)
        let record = HostRecord(
            name: name, id: id, seed: seed.derive("host:" + name), makeDurable: makeDurable, makeProcess: makeProcess)
        hosts.append(record)
        hostTable.append(record)
        queue.push(time: now.nanoseconds, target: KernelTarget.start, kind: 0, payload: Int64(id.index))
        return id
    }

    /// Every host, in the order they were added.
    public var hostIDs: [HostID] { hosts.indices.map(HostID.init) }
    /// The host's name.
    public func name(of host: HostID) -> String { hosts[Int(host.index)].name }
    /// Whether the host is up, crashed or paused.
    public func status(of host: HostID) -> HostStatus { hosts[Int(host.index)].status }
    /// The host's current process (for tests and inspection; do not drive it directly).
    public func process(of host: HostID) -> any Process { hosts[Int(host.index)].process }
    /// The host's durable state.
    public func durable(of host: HostID) -> any DurableState { hosts[Int(host.index)].durable }
    /// What the host's local clock reads now.
    public func localTime(of host: HostID) -> SimTime { hosts[Int(host.index)].clock.local(at: now) }

    func startHost(_ event: Event) {
        let host = HostID(Int32(truncatingIfNeeded: event.payload))
        let record = hosts[Int(host.index)]
        guard record.status == .up else { return }
        trace.note("start", at: now, host: host, detail: record.name)
        record.process.start(ProcessContext(simulator: self, host: host))
    }

    // MARK: Faults

    /// Kills the host's process: volatile state, timers and in-flight work are gone; the disk stays.
    ///
    /// - Parameters:
    ///   - mode: `.process` (kill -9): the operating system resets the connections, so peers are
    ///     told after one latency and new connections are refused; `.host` (power loss, panic):
    ///     silent, peers notice only by their own timeouts (see ``CrashMode``).
    ///   - loseUnsyncedWrites: the disk also forgets writes not yet synced (a lost write cache).
    public func crash(_ host: HostID, mode: CrashMode = .process, loseUnsyncedWrites: Bool = false) {
        let record = hosts[Int(host.index)]
        guard record.status != .crashed else {
            // The machine failed while its process was down after an exit: the supervisor's restart
            // is void (it is tied to the incarnation); the failure's repair restarts the host.
            record.incarnation &+= 1
            return
        }
        record.status = .crashed
        record.crashMode = mode
        record.incarnation &+= 1
        dropHeldInputs(of: record)
        if loseUnsyncedWrites { record.durable.loseUnsyncedWrites() }
        if mode == .process { resetConnections(of: host) }
        trace.note("crash", at: now, host: host, loseUnsyncedWrites ? 1 : 0, detail: "\(record.name) \(mode.rawValue)")
        emit(HostEvent.crashed, host: host)
    }

    /// Frees what a paused host was holding when it dies: in-flight slots and timer slots.
    private func dropHeldInputs(of record: HostRecord) {
        for held in record.heldInputs {
            switch held.target {
            case KernelTarget.delivery: _ = inFlight.remove(Int(held.payload))
            case KernelTarget.timer: timers.releaseIfCurrent(eventPayload: held.payload)
            default: break
            }
        }
        record.heldInputs.removeAll()
    }

    /// Starts a new process on a crashed host from its durable state; `wipeDisk` starts it from an empty disk.
    public func restart(_ host: HostID, wipeDisk: Bool = false) {
        let record = hosts[Int(host.index)]
        guard record.status == .crashed else { return }
        if wipeDisk { record.durable = record.makeDurable() }
        // A machine that died silently boots a new operating system, which resets the
        // connections its peers still hold; a dead process's were reset when it died.
        if record.crashMode == .host { resetConnections(of: host) }
        record.crashMode = nil
        record.status = .up
        record.process = record.makeProcess(host)
        trace.note("restart", at: now, host: host, wipeDisk ? 1 : 0, detail: record.name)
        emit(HostEvent.restarted, host: host)
        record.process.start(ProcessContext(simulator: self, host: host))
    }

    /// Freezes the host: its inputs wait until `resume`, its clock runs on.
    public func pause(_ host: HostID) {
        let record = hosts[Int(host.index)]
        guard record.status == .up else { return }
        record.status = .paused
        trace.note("pause", at: now, host: host, detail: record.name)
        emit(HostEvent.paused, host: host)
    }

    /// Arms a pause that freezes `host` once the handler that next sends what `trigger` describes
    /// returns: the message is on its way, and its answer will wait for `resume`. Re-arming
    /// replaces the trigger.
    public func pauseOnSend(_ host: HostID, _ trigger: SendTrigger) {
        let record = hosts[Int(host.index)]
        if record.pauseTrigger == nil { armedPauses += 1 }
        record.pauseTrigger = trigger
        trace.note("arm-pause", at: now, host: host, Int64(trigger.to.index),
                   detail: "\(record.name) on send of \(trigger.kind?.name ?? "any message") to \(trigger.to)")
    }

    /// Fires an armed pause if `from` just sent its trigger. The pause is an event at the same
    /// instant, so the handler that sent finishes first, as a process stops between two steps.
    func firePauseOnSend(_ message: any Message, from: HostID, to: HostID) {
        let record = hosts[Int(from.index)]
        guard let trigger = record.pauseTrigger, trigger.matches(message, to: to) else { return }
        disarmPause(record)
        queue.push(time: now.nanoseconds, target: KernelTarget.pause, kind: 0, payload: Int64(from.index))
    }

    private func disarmPause(_ record: HostRecord) {
        guard record.pauseTrigger != nil else { return }
        record.pauseTrigger = nil
        armedPauses -= 1
    }

    /// Wakes a paused host; what arrived meanwhile is handled now, in arrival order. An armed
    /// pause that has not fired is disarmed: its window is over.
    public func resume(_ host: HostID) {
        let record = hosts[Int(host.index)]
        disarmPause(record)
        guard record.status == .paused else { return }
        record.status = .up
        trace.note("resume", at: now, host: host, Int64(record.heldInputs.count), detail: record.name)
        emit(HostEvent.resumed, host: host)
        for held in record.heldInputs {
            queue.push(time: now.nanoseconds, target: held.target, kind: held.kind, payload: held.payload)
        }
        record.heldInputs.removeAll()
    }

    /// Steps the host's local clock by `delta`; its timers fire by the new reading.
    public func jumpClock(of host: HostID, by delta: SimDuration) {
        hosts[Int(host.index)].clock.jump(by: delta, at: now)
        trace.note("clock-jump", at: now, host: host, delta.nanoseconds, detail: "\(delta)")
        requeueTimers(of: host)
        emit(HostEvent.clockJumped(delta), host: host)
    }

    /// Makes the host's clock run at rate `1 + drift` from now on.
    public func setClockDrift(of host: HostID, to drift: Double) {
        hosts[Int(host.index)].clock.setDrift(drift, at: now)
        trace.note("clock-drift", at: now, host: host, Int64(drift * 1e9), detail: "\(drift)")
        requeueTimers(of: host)
        emit(HostEvent.clockDrift(drift), host: host)
    }
}
