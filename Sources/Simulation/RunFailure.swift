#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a thread is simulating, so that a run that fails despite validation (a ``require(_:_:file:line:)``
/// that user input reached) ends with a message naming the scenario file, the replication and its
/// seed, and the simulated time, and exits 1 (an invariant failed), instead of trapping with a
/// message that says none of that.
///
/// The context is thread-local: replications run in parallel, one simulator per thread.
public final class RunFailureContext: @unchecked Sendable {  // read and written only by the thread it is set on
    /// What runs: "scenarios/x.json, replication 3 (seed 42)".
    public let label: String
    /// The simulator running on the thread, for its clock (set by ``Simulator/run(until:)``).
    /// Strong, not weak: a weak reference gives the simulator a side table, which sends every
    /// retain and release of it down the runtime's slow path (≈15% of a cluster run). The context
    /// ends with its replication, so it keeps at most the thread's last simulator alive that long.
    var simulator: Simulator?

    init(label: String) { self.label = label }
}

public enum RunFailure {
    /// The thread-local slot holding the current context, retained.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    /// The context of the current thread, if a runner set one.
    public static var current: RunFailureContext? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<RunFailureContext>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Runs `body` with `label` as this thread's context (restoring the previous one after).
    public static func withContext<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        let context = Unmanaged.passRetained(RunFailureContext(label: label))
        pthread_setspecific(key, context.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            context.release()
        }
        return try body()
    }

    /// Notes that `simulator` runs on this thread, so a failure can tell its simulated time.
    static func running(_ simulator: Simulator) {
        guard let context = current, context.simulator !== simulator else { return }
        context.simulator = simulator
    }

    /// The message a failure ends with: the thread's context and simulated time, then `message`;
    /// nil when no runner set a context (a test driving a simulator by hand).
    public static func describe(_ message: String, file: StaticString, line: UInt) -> String? {
        guard let context = current else { return nil }
        let time = context.simulator.map { ", at simulated time \(timeText($0.now))" } ?? ""
        return "error: \(context.label)\(time): the run failed: \(message) (\(file):\(line))"
    }

    /// Exact seconds, and days for orientation: "371389.914077515 s (4.3 d)".
    static func timeText(_ time: SimTime) -> String {
        let seconds = (time - SimTime.zero).seconds
        let days = (seconds / 86_400 * 100).rounded() / 100
        return "\(seconds) s" + (days >= 0.01 ? " (\(days) d)" : "")
    }

    /// Ends the process on a failed requirement: with a context, prints ``describe(_:file:line:)``
    /// to standard error and exits 1 at once (other replications are abandoned; nothing has been
    /// written, since outputs are committed only after every replication); without one, traps
    /// with the message, as `fatalError` does.
    @usableFromInline
    static func fail(_ message: String, file: StaticString, line: UInt) -> Never {
        guard let text = describe(message, file: file, line: line) else { fatalError(message, file: file, line: line) }
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        _exit(1)  // not exit(): other threads are still simulating; atexit handlers must not run under them
    }
}
