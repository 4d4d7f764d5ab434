/// How a host dies, which decides how its peers learn of it.
///
/// The two modes have very different failover times: after a process crash a ZooKeeper follower
/// goes LOOKING within milliseconds (the measured kill -9 of a real leader), after a host crash it
/// waits `syncLimit × tickTime` (10 s by default), a client waits 2/3 of its session timeout.
public enum CrashMode: String, Sendable, Equatable, CaseIterable {
    /// The process dies on a running operating system (kill -9, an OOM kill, a segfault): the OS
    /// resets the process's connections, so peers learn at once, and new connections are refused
    /// after one round trip.
    case process
    /// The machine stops (power loss, kernel panic, a hypervisor that vanished): nothing is sent.
    /// Peers learn only from their own timeouts; their messages and connection attempts go
    /// unanswered. When the machine boots again, its operating system resets the connections the
    /// peers still hold (a reset answers their next segment).
    case host
}

/// Which crash mode a failure process draws: a share of silent host crashes, the rest process crashes.
public struct CrashModeMix: Sendable, Equatable {
    /// The probability that a failure is a silent host crash, in [0, 1].
    public var silentShare: Double

    public init(silentShare: Double) {
        precondition(silentShare >= 0 && silentShare <= 1, "a share of silent crashes is a probability")
        self.silentShare = silentShare
    }

    /// Every failure is a process crash.
    public static let process = CrashModeMix(silentShare: 0)
    /// Every failure is a silent host crash.
    public static let host = CrashModeMix(silentShare: 1)

    /// The mode of one failure. A pure mix draws nothing, so its stream (and every later draw of
    /// the same stream) is the same as before mixes existed.
    public func draw(_ stream: inout RandomStream) -> CrashMode {
        if silentShare <= 0 { return .process }
        if silentShare >= 1 { return .host }
        return stream.bernoulli(silentShare) ? .host : .process
    }
}
