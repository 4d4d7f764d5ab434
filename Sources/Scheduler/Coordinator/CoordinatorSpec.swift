import Simulation

/// A coordinator app: run a workflow at every nominal time `start + n·frequency` before `end`, once
/// its input datasets are present (Oozie `CoordinatorFunctionalSpec` §6).
public struct CoordinatorSpec: Equatable, Sendable {
    /// The coordinator's name.
    public var name: String
    /// The workflow app each action runs.
    public var workflow: String
    /// The first nominal time.
    public var start: SimTime
    /// Nominal times are strictly before `end`.
    public var end: SimTime
    /// The time between nominal times.
    public var frequency: SimDuration
    /// How many actions may be SUBMITTED or RUNNING at once (Oozie default 1).
    public var concurrency: Int
    /// How long a materialized action may wait for its inputs before it is TIMEDOUT; `nil` waits
    /// forever (Oozie's −1), `.zero` times out at once if not ready. Oozie's default is 120 minutes.
    public var timeout: SimDuration?
    /// Which READY action runs first when concurrency frees a slot.
    public var execution: ExecutionOrder
    /// The most WAITING actions; materialization pauses at this many (Oozie default 12).
    public var throttle: Int
    /// Datasets each action needs, as instance ranges relative to its nominal time.
    public var inputs: [DataInput]
    /// Datasets each action produces when its workflow succeeds.
    public var outputs: [DataOutput]

    public init(
        name: String, workflow: String, start: SimTime, end: SimTime, frequency: SimDuration, concurrency: Int = 1,
        timeout: SimDuration? = .minutes(120), execution: ExecutionOrder = .fifo, throttle: Int = 12,
        inputs: [DataInput] = [], outputs: [DataOutput] = []
    ) {
        self.name = name
        self.workflow = workflow
        self.start = start
        self.end = end
        self.frequency = frequency
        self.concurrency = concurrency
        self.timeout = timeout
        self.execution = execution
        self.throttle = throttle
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The nominal time of action `number` (1-based).
    public func nominalTime(_ number: Int) -> SimTime { start + frequency * Int64(number - 1) }

    /// What is wrong with the spec, each as a message naming the field; empty when valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if frequency <= .zero { problems.append("\(name).frequency: must be > 0, found \(frequency)") }
        if end < start { problems.append("\(name).end: must not be before start") }
        if concurrency < 1 { problems.append("\(name).concurrency: must be ≥ 1, found \(concurrency)") }
        if throttle < 1 { problems.append("\(name).throttle: must be ≥ 1, found \(throttle)") }
        if let timeout, timeout < .zero { problems.append("\(name).timeout: must be ≥ 0 or absent (never)") }
        for input in inputs where input.dataset.frequency <= .zero {
            problems.append("\(name).inputs.\(input.dataset.name).frequency: must be > 0")
        }
        for input in inputs {
            // upper − lower may overflow for ranges a file can write; ClosedRange.count would trap.
            let (span, overflow) = input.instances.upperBound.subtractingReportingOverflow(input.instances.lowerBound)
            guard overflow || span >= Self.maximumInstancesPerInput else { continue }
            problems.append(
                "\(name).inputs.\(input.dataset.name): at most \(Self.maximumInstancesPerInput) instances per action, "
                    + "found \(input.instances.lowerBound)…\(input.instances.upperBound)")
        }
        return problems
    }

    /// The most dataset instances one input of an action may name (`coord:current(-n)` … `current(0)`):
    /// every materialization checks each, so a range of millions would stall the run. A year of an
    /// hourly dataset is 8,760; Nines' bound, not Oozie's.
    public static let maximumInstancesPerInput = 10_000
}

/// The order in which READY actions are submitted (Oozie's `execution`).
public enum ExecutionOrder: String, Equatable, Sendable, Codable {
    /// Oldest nominal time first (Oozie's default).
    case fifo = "FIFO"
    /// Newest nominal time first.
    case lifo = "LIFO"
    /// Only the latest: an action not yet submitted when the next nominal time arrives is SKIPPED.
    case lastOnly = "LAST_ONLY"
}
