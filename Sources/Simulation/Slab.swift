/// An array of slots with a free list: stable integer handles, no allocation once warm.
struct Slab<Element> {
    private var slots: [Element?] = []
    private var free: [Int] = []

    mutating func insert(_ element: Element) -> Int {
        if let index = free.popLast() {
            slots[index] = element
            return index
        }
        slots.append(element)
        return slots.count - 1
    }

    subscript(index: Int) -> Element {
        get { slots[index]! }
        set { slots[index] = newValue }
    }

    mutating func remove(_ index: Int) -> Element {
        let element = slots[index]!
        slots[index] = nil
        free.append(index)
        return element
    }

    /// Live elements in slot order (deterministic).
    var liveCount: Int { slots.count - free.count }
}
