/// The handlers for dispatch, without reference counting: each entry is the object, unretained
/// (`Simulator.handlers` owns it; handlers are never removed), and a metatype that knows its
/// concrete type. Calling through an `any EventHandler` loaded from storage costs a retain and a
/// release per event (≈20% of PHOLD); this costs neither.
///
/// The entries live in a raw buffer: they are trivial, so a load copies bits, whereas an array
/// would be retained across the call.
struct HandlerTable: ~Copyable {
    struct Entry {
        let object: Unmanaged<AnyObject>
        let dispatch: any HandlerDispatch.Type
    }

    private var entries = UnsafeMutablePointer<Entry>.allocate(capacity: 16)
    private var count = 0
    private var capacity = 16

    mutating func append(_ handler: any EventHandler) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = grown
            capacity *= 2
        }
        (entries + count).initialize(to: Self.entry(for: handler))
        count += 1
    }

    deinit { entries.deallocate() }

    private static func entry<H: EventHandler>(for handler: H) -> Entry {
        Entry(object: .passUnretained(handler), dispatch: Dispatch<H>.self)
    }

    /// Calls the handler `event.target` names (a registered, non-negative index).
    @inline(__always)
    func handle(_ event: Event, in simulator: Simulator) {
        let index = Int(event.target)
        precondition(UInt(bitPattern: index) < UInt(count), "event for an unregistered handler")
        let entry = entries[index]
        entry.object._withUnsafeGuaranteedRef { entry.dispatch.handle(event, by: $0, in: simulator) }
    }
}

/// Calls `handle` on an object known to be of the conforming type's handler type.
protocol HandlerDispatch {
    static func handle(_ event: Event, by object: AnyObject, in simulator: Simulator)
}

enum Dispatch<H: EventHandler>: HandlerDispatch {
    @inline(__always)
    static func handle(_ event: Event, by object: AnyObject, in simulator: Simulator) {
        unsafeDowncast(object, to: H.self).handle(event, in: simulator)
    }
}
