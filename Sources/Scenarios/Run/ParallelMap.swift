import Foundation

/// Runs independent deterministic computations on several threads and returns their results in
/// input order, so what is written from them is the same for any number of threads.
enum ParallelMap {
    /// `body(item)` for every item on up to `jobs` threads, handed out in order; `onDone` is
    /// called (serialised, from a worker) with the count finished so far.
    static func map<T: Sendable>(
        _ items: [Int], jobs: Int, onDone: (@Sendable (Int) -> Void)? = nil, _ body: @escaping @Sendable (Int) -> T
    ) -> [T] {
        let box = ResultBox<T>(items: items, onDone: onDone)
        let group = DispatchGroup()
        for _ in 0..<min(max(1, jobs), items.count) {
            group.enter()
            Thread {
                while let (slot, item) = box.claim() { box.store(body(item), at: slot) }
                group.leave()
            }.start()
        }
        group.wait()
        return box.ordered()
    }

    /// Hands out items and collects results under a lock, which also serialises `onDone`.
    private final class ResultBox<T>: @unchecked Sendable {
        private let lock = NSLock()
        private let items: [Int]
        private let onDone: (@Sendable (Int) -> Void)?
        private var next = 0
        private var results: [T?]
        private var done = 0

        init(items: [Int], onDone: (@Sendable (Int) -> Void)?) {
            self.items = items
            self.onDone = onDone
            results = Array(repeating: nil, count: items.count)
        }

        func claim() -> (slot: Int, item: Int)? {
            lock.withLock {
                guard next < items.count else { return nil }
                defer { next += 1 }
                return (next, items[next])
            }
        }

        func store(_ result: T, at slot: Int) {
            lock.withLock {
                results[slot] = result
                done += 1
                onDone?(done)
            }
        }

        func ordered() -> [T] { lock.withLock { results.map { $0! } } }
    }
}
