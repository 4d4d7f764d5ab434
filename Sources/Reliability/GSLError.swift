import CGSL

/// A failed GSL call: the raw status code and the routine that returned it.
///
/// GSL reports errors through a global handler that aborts the process by default; Nines turns that
/// handler off once (see ``GSL/prepare()``) and wraps each returned status in this value instead, as
/// swift-system's `Errno` wraps `errno`.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The GSL status code (`GSL_EDOM`, `GSL_ESING`, …).
    public let status: Int32
    /// The GSL routine that failed.
    public let routine: String

    public init(status: Int32, routine: String) {
        self.status = status
        self.routine = routine
    }

    public var description: String {
        let reason = gsl_strerror(status).map { String(cString: $0) } ?? "unknown error"
        return "\(routine) failed: \(reason) (GSL status \(status))"
    }
}

/// Process-wide GSL setup and status checking.
enum GSL {
    /// Turns off GSL's aborting error handler exactly once. Swift initialises a `static let` lazily
    /// and thread-safely, so every entry point can call this cheaply.
    private static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    static func prepare() {
        precondition(handlerOff)
    }

    /// Throws a ``GSLError`` unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) {
            throw GSLError(status: status, routine: routine)
        }
    }
}
