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
        // Moved out, not copied then destroyed: no retain and release of what it holds.
        var taken: Element? = nil
        swap(&taken, &slots[index])
        free.append(index)
        return taken!
    }

    /// Live elements in slot order (deterministic).
    var liveCount: Int { slots.count - free.count }
}
