import Foundation

/// A one-line progress bar with an ETA on standard error; silent unless stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    /// Called from worker threads as replications finish.
    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            let seconds = (ContinuousClock.now - start).secondsValue
            let remaining = done > 0 ? seconds / Double(done) * Double(total - done) : 0
            let width = 30, filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandleWriter.standardError(
                "\r\(bar) \(done)/\(total) replications, ETA \(String(format: "%.0f", remaining)) s ")
        }
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
