// Swift 6.3.1's EarlyCodeMotion (SIL pass `early-codemotion`) miscompiles this program at -O: it sinks
// the store of `pooled.visits` from the loop's exits into their common successor, below the load of
// the whole `pooled` on the normal exit, so `pooled(metric:)` returns `visits == 0` (the sum is 16).
// Seven words in `Stats` are needed (six are not), and so is the early `return nil` inside the loop.
// Nines' release builds pass `-Xllvm -sil-disable-pass=early-codemotion` (Package.swift); check.sh
// shows both sides.

struct Sums {
    var count = 0
    var a = 0.0, b = 0.0, c = 0.0, d = 0.0, e = 0.0
    mutating func merge(_ other: Sums) { count += other.count }
}

struct Stats {
    var sums = Sums()
    var visits = 0
    mutating func merge(_ other: Stats) {
        sums.merge(other.sums)
        visits += other.visits
    }
}

struct Outcome { var cycles: [Stats?] }

func pooled(_ outcomes: [Outcome], metric i: Int) -> Stats? {
    var pooled = Stats()
    for o in outcomes {
        guard o.cycles.count > i, let c = o.cycles[i] else { return nil }
        pooled.merge(c)
    }
    return pooled
}

let outcomes = [7, 9].map { Outcome(cycles: [Stats(visits: $0), Stats(visits: $0)]) }
print(pooled(outcomes, metric: 1)!.visits)
