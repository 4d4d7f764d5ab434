import Simulation

/// The leader's proposals not yet committed, oldest first, each with the set of servers that
/// logged it as a bit mask over their positions in the ensemble (``LearnerTable``).
///
/// An established leader proposes counters 1, 2, 3… of its own epoch, and commits strictly from
/// the oldest, so this is a queue of consecutive zxids: an acknowledgement finds its entry by
/// subtraction, a commit pops the head, and no proposal allocates. Both were linear before (a
/// search through the outstanding list, `removeFirst` of an array, a `Set` per proposal).
struct OutstandingProposals {
    /// Servers a mask can hold; ZooKeeper ensembles here have at most 15.
    static let maxServers = 32

    private var zxids: [Zxid] = []
    private var masks: [UInt32] = []
    /// The index of the oldest live entry; entries before it are committed and wait to be compacted.
    private var head = 0

    var isEmpty: Bool { head == zxids.count }
    var count: Int { zxids.count - head }

    /// The oldest proposal and how many servers logged it.
    var first: (zxid: Zxid, acks: Int)? {
        isEmpty ? nil : (zxids[head], masks[head].nonzeroBitCount)
    }

    /// Appends the next proposal, logged so far by the server at `position` (the leader).
    mutating func append(_ zxid: Zxid, loggedBy position: Int) {
        precondition(isEmpty || zxid == Zxid(raw: zxids[zxids.count - 1].raw + 1), "proposals are consecutive: \(zxid)")
        zxids.append(zxid)
        masks.append(1 << UInt32(position))
    }

    /// Records that the server at `position` logged `zxid`; false when `zxid` is not outstanding.
    @discardableResult
    mutating func acknowledge(_ zxid: Zxid, by position: Int) -> Bool {
        guard !isEmpty, zxid >= zxids[head] else { return false }
        let i = head + Int(zxid.raw - zxids[head].raw)
        guard i < zxids.count else { return false }
        precondition(zxids[i] == zxid, "outstanding proposals are consecutive")
        masks[i] |= 1 << UInt32(position)
        return true
    }

    /// Records that the server at `position` logged every outstanding proposal up to `zxid`.
    mutating func acknowledgeAll(upTo zxid: Zxid, by position: Int) {
        var i = head
        while i < zxids.count, zxids[i] <= zxid {
            masks[i] |= 1 << UInt32(position)
            i += 1
        }
    }

    /// Drops the oldest proposal (it committed).
    mutating func removeFirst() {
        precondition(!isEmpty, "no outstanding proposal")
        head += 1
        if head == zxids.count {
            zxids.removeAll(keepingCapacity: true)
            masks.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= zxids.count {
            zxids.removeFirst(head)
            masks.removeFirst(head)
            head = 0
        }
    }
}
