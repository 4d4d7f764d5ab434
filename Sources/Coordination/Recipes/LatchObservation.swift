import Simulation

/// What latch participants report to checkers and metrics.
public enum LatchObservation: Observation, Sendable {
    /// `participant` believes it holds the latch at `path`, fenced by `token`.
    case acquired(path: String, participant: String, token: Zxid)
    /// `participant` stopped believing it holds the latch.
    case released(path: String, participant: String, token: Zxid)
}
