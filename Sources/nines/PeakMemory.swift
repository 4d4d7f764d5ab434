#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's peak resident memory, for `nines bench` (an edge of the CLI; never in the kernel).
enum PeakMemory {
    /// Peak resident set size in bytes: `VmHWM` from /proc/self/status on Linux, else `ru_maxrss`.
    static func bytes() -> Int {
        #if os(Linux)
        if let kib = procStatusKiB("VmHWM:") { return kib * 1024 }
        #endif
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if os(Linux)
        return Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #else
        return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// Resets the peak to the current resident size, so each benchmark reports its own peak.
    /// Linux only (writing "5" to /proc/self/clear_refs); returns whether it worked.
    @discardableResult
    static func reset() -> Bool {
        #if os(Linux)
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
        #else
        return false
        #endif
    }

    #if os(Linux)
    private static func procStatusKiB(_ key: String) -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard text.hasPrefix(key) else { continue }
            let digits = text.dropFirst(key.count).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }
    #endif
}

/// CPU time of this process (user + system), so a benchmark on a shared machine can tell its own
/// work from time spent waiting for a core.
enum ProcessCPUClock {
    static func seconds() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
