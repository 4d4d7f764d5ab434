/// Pending timers: one slot per timer, reused through a free list. A slot's `generation` makes
/// timer ids unique; its `stamp` names the one queued event that may fire it, so cancelling or
/// moving a timer is lazy: the stale event is skipped when it pops.
struct TimerTable {
    struct Slot {
        var generation: UInt32 = 0
        var stamp: UInt32 = 0
        var active = false
        var host: Int32 = 0
        var hostIncarnation: UInt32 = 0
        var tag: Int = 0
        /// The deadline on the host's local clock; kept so a clock jump can move the timer.
        var localDeadline: SimTime = .zero
    }
    var slots: [Slot] = []
    var free: [Int32] = []

    mutating func allocate() -> Int32 {
        if let slot = free.popLast() { return slot }
        slots.append(Slot())
        return Int32(slots.count - 1)
    }

    mutating func release(_ slot: Int32) {
        slots[Int(slot)].active = false
        slots[Int(slot)].generation &+= 1
        slots[Int(slot)].stamp &+= 1
        free.append(slot)
    }

    /// Releases the slot an event names, if that event is still the slot's live one.
    mutating func releaseIfCurrent(eventPayload: Int64) {
        let slot = Int32(truncatingIfNeeded: eventPayload >> 32)
        let entry = slots[Int(slot)]
        if entry.active && entry.stamp == UInt32(truncatingIfNeeded: eventPayload) { release(slot) }
    }

    static func payload(_ slot: Int32, _ stamp: UInt32) -> Int64 {
        Int64(slot) << 32 | Int64(stamp)
    }
}

extension Simulator {
    /// Sets a timer on `host`'s local clock.
    func setTimer(on host: HostID, after delay: SimDuration, tag: Int) -> TimerID {
        hostTable[Int(host.index)]._withUnsafeGuaranteedRef { setTimer(on: host, $0, after: delay, tag: tag) }
    }

    private func setTimer(on host: HostID, _ record: HostRecord, after delay: SimDuration, tag: Int) -> TimerID {
        let slot = timers.allocate()
        let localDeadline = record.clock.local(at: now) + delay
        let generation = timers.slots[Int(slot)].generation
        timers.slots[Int(slot)] = .init(
            generation: generation, stamp: timers.slots[Int(slot)].stamp, active: true, host: host.index, hostIncarnation: record.incarnation,
            tag: tag, localDeadline: localDeadline)
        queueTimer(slot, record)
        return TimerID(slot: slot, generation: generation)
    }

    private func queueTimer(_ slot: Int32, _ record: HostRecord) {
        let entry = timers.slots[Int(slot)]
        let fireAt = record.clock.trueTime(whenLocalReads: entry.localDeadline, now: now)
        queue.push(
            time: fireAt.nanoseconds, target: KernelTarget.timer, kind: 0,
            payload: TimerTable.payload(slot, entry.stamp))
    }

    /// Cancels a pending timer; cancelling a fired or cancelled timer does nothing.
    func cancelTimer(_ timer: TimerID) {
        let slot = timers.slots[Int(timer.slot)]
        guard slot.active, slot.generation == timer.generation else { return }
        timers.release(timer.slot)
    }

    func fireTimer(_ event: Event) {
        let slotIndex = Int32(truncatingIfNeeded: event.payload >> 32)
        let stamp = UInt32(truncatingIfNeeded: event.payload)
        let slot = timers.slots[Int(slotIndex)]
        guard slot.active, slot.stamp == stamp else { return }  // cancelled or moved
        hostTable[Int(slot.host)]._withUnsafeGuaranteedRef { fireTimer(event, slotIndex, slot, $0) }
    }

    private func fireTimer(_ event: Event, _ slotIndex: Int32, _ slot: TimerTable.Slot, _ record: HostRecord) {
        guard record.incarnation == slot.hostIncarnation else {  // the host crashed since
            timers.release(slotIndex)
            return
        }
        if record.status == .paused {
            record.heldInputs.append(event)
            return
        }
        timers.release(slotIndex)
        let id = TimerID(slot: slotIndex, generation: slot.generation)
        record.process.timerFired(id, tag: slot.tag, ProcessContext(simulator: self, host: HostID(slot.host)))
    }

    /// Re-queues `host`'s pending timers after its clock changed; their local deadlines stay.
    func requeueTimers(of host: HostID) {
        let record = hosts[Int(host.index)]
        for index in timers.slots.indices {
            let slot = timers.slots[index]
            guard slot.active, slot.host == host.index, slot.hostIncarnation == record.incarnation else { continue }
            timers.slots[index].stamp &+= 1  // the queued event goes stale
            queueTimer(Int32(index), record)
        }
    }
}
