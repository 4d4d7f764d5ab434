import Simulation

/// A dataset produced at regular instances (Oozie `<dataset frequency initial-instance>`): by
/// another job's output or by an external source.
public struct Dataset: Equatable, Sendable {
    /// The dataset's name.
    public var name: String
    /// The time between instances.
    public var frequency: SimDuration
    /// The first instance.
    public var initialInstance: SimTime

    public init(name: String, frequency: SimDuration, initialInstance: SimTime) {
        self.name = name
        self.frequency = frequency
        self.initialInstance = initialInstance
    }

    /// The instance `offset` steps from the latest instance at or before `time` (Oozie's
    /// `coord:current(offset)`), or `nil` when it falls before the initial instance.
    public func instance(at time: SimTime, offset: Int) -> DatasetInstance? {
        let steps = (time - initialInstance).nanoseconds / frequency.nanoseconds
        let floored = time < initialInstance ? steps - 1 : steps
        let instanceTime = initialInstance + frequency * (floored + Int64(offset))
        guard instanceTime >= initialInstance else { return nil }
        return DatasetInstance(dataset: name, time: instanceTime)
    }
}

/// One instance of a dataset: the unit a data trigger waits for.
public struct DatasetInstance: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var dataset: String
    public var time: SimTime

    public init(dataset: String, time: SimTime) {
        self.dataset = dataset
        self.time = time
    }

    public static func < (a: DatasetInstance, b: DatasetInstance) -> Bool {
        (a.dataset, a.time.nanoseconds) < (b.dataset, b.time.nanoseconds)
    }

    public var description: String { "\(dataset)@\(time)" }
}

/// An input: instances `instances` (e.g. -2...0) of a dataset, relative to the nominal time.
public struct DataInput: Equatable, Sendable {
    public var dataset: Dataset
    public var instances: ClosedRange<Int>

    public init(dataset: Dataset, instances: ClosedRange<Int> = 0...0) {
        self.dataset = dataset
        self.instances = instances
    }
}

/// An output: instance `offset` of a dataset, relative to the nominal time.
public struct DataOutput: Equatable, Sendable {
    public var dataset: Dataset
    public var offset: Int

    public init(dataset: Dataset, offset: Int = 0) {
        self.dataset = dataset
        self.offset = offset
    }
}
