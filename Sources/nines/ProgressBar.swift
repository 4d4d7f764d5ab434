import Foundation

/// A one-line progress bar with an ETA on standard error; silent unless stderr is a terminal. It
/// moves in simulated time: each replication reports the fraction of its duration done, so a run of
/// two long replications moves all along, not only when one ends. Nothing of it reaches an output file.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let lock = NSLock()
    /// Fraction done per replication index (a finished one counts 1), and the replications expected.
    private var fractions: [Int: Double] = [:]
    private var finished = 0
    private var total = 0
    private var lastDrawn: ContinuousClock.Instant?

    init(enabled: Bool) { self.enabled = enabled }

    /// Called from worker threads as replications finish: (done, total).
    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            self.finished = done
            self.total = total
            draw(force: true)
        }
    }

    /// Called from worker threads as a replication advances in simulated time.
    func advance(index: Int, fraction: Double) {
        guard enabled else { return }
        lock.withLock {
            fractions[index] = fraction
            draw(force: false)
        }
    }

    /// Redraws at most ten times a second (every call when forced). Call under the lock.
    private func draw(force: Bool) {
        let now = ContinuousClock.now
        if !force, let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        // Replications done count whole even if their last report was just short of 1.
        let done = max(Double(finished), fractions.values.reduce(0, +))
        let expected = max(total, fractions.count, 1)
        let progress = min(1, done / Double(expected))
        let seconds = (now - start).secondsValue
        let eta = progress > 0 ? String(format: "%.0f s", seconds / progress * (1 - progress)) : "…"
        let width = 30, filled = Int(Double(width) * progress)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandleWriter.standardError(
            "\r\(bar) \(String(format: "%.1f", done))/\(expected) replications, ETA \(eta) ")
    }

    func finish() {
        guard enabled else { return }
        FileHandleWriter.standardError("\r\u{1B}[K")
    }
}

extension Duration {
    /// The duration in seconds, as a Double (wall-clock measurements in the CLI only).
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
