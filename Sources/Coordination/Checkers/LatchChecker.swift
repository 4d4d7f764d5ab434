import Simulation

/// Checks the latch's fencing guarantees while the run goes on:
///
/// - `one-holder-per-token`: a token is never held by two participants;
/// - `token-order`: each acquisition's token is at least the largest seen before on that latch,
///   so a resource that keeps the largest token rejects every earlier holder.
///
/// Two participants may *believe* they lead at once (a paused holder); that is exactly what the
/// tokens make harmless, so it is not a violation here. Not thread-safe.
public final class LatchChecker: Observer {
    public private(set) var violations: [InvariantViolation] = []
    /// Every acquisition, in order: (time, latch path, participant, token).
    public private(set) var acquisitions: [(time: SimTime, path: String, participant: String, token: Zxid)] = []
    private var holderOfToken: [String: [Zxid: String]] = [:]
    private var largestToken: [String: Zxid] = [:]

    public init() {}

    public var isClean: Bool { violations.isEmpty }

    public func observe(_ observation: any Observation, host: HostID, at time: SimTime) {
        guard case .acquired(let path, let participant, let token)? = observation as? LatchObservation else { return }
        acquisitions.append((time, path, participant, token))
        if let holder = holderOfToken[path]?[token], holder != participant {
            violations.append(
                InvariantViolation(name: "one-holder-per-token", message: "\(path) token \(token) held by \(holder) and \(participant)", time: time, host: host))
        }
        if let largest = largestToken[path], token < largest {
            violations.append(
                InvariantViolation(name: "token-order", message: "\(path): \(participant) acquired \(token) after \(largest)", time: time, host: host))
        }
        holderOfToken[path, default: [:]][token] = participant
        largestToken[path] = max(largestToken[path] ?? token, token)
    }
}
