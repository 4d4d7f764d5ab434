import Simulation

/// Runs one replication of a ``ComponentsSpec``: n components failing and being repaired, with
/// nothing else, so the simulator's statistics can be checked against the math at full speed.
enum ComponentsReplication {
    static let metrics = [
        MetricID(key: "component_unavailability", title: "Fraction of time a component is down (p)", isFraction: true),
        MetricID(key: "all_up", title: "Fraction of time all components are up", isFraction: true),
        MetricID(key: "service_availability", title: "Service availability (at least k up)", isFraction: true),
        MetricID(key: "service_unavailability", title: "Service unavailability", isFraction: true),
    ]

    /// Samples of the down count are spaced this many mean cycles (MTTF + MTTR) apart, far beyond
    /// the chain's mixing time, so they are close to independent.
    static let sampleSpacingCycles = 5.0

    static func run(
        _ spec: ComponentsSpec, scenario: Scenario, index: Int, seed: UInt64, keepTimeline: Bool,
        progress: ((Double) -> Void)? = nil
    ) -> ReplicationOutcome
    {
        let simulator = Simulator(seed: seed)
        let group = ComponentGroup(name: "component", count: spec.count, model: spec.failure, seed: simulator.seed)
        let maxDown = spec.count - spec.serviceQuorum
        var timeline: [TimelineEntry] = []
        var outages: [Double] = []
        var outageStart: SimTime?
        let measureFrom = SimTime.zero + scenario.warmUp
        group.onChange = { component, up in
            let now = simulator.now
            if keepTimeline {
                timeline.append(TimelineEntry(time: now, event: up ? "repair" : "failure", subject: "component\(component)"))
            }
            let serviceUp = group.currentlyDown <= maxDown
            if !serviceUp && outageStart == nil {
                outageStart = now
                if keepTimeline { timeline.append(TimelineEntry(time: now, event: "outage_start", subject: "service")) }
            } else if serviceUp, let start = outageStart {
                if now > measureFrom { outages.append((now - max(start, measureFrom)).seconds) }
                outageStart = nil
                if keepTimeline { timeline.append(TimelineEntry(time: now, event: "outage_end", subject: "service")) }
            }
        }
        group.attach(to: simulator)
        simulator.run(until: measureFrom)
        group.resetStatistics(at: simulator.now)
        let sampler = Sampler(group: group, spacing: SimDuration(
            seconds: sampleSpacingCycles * (spec.failure.timeToFailure.mean + spec.failure.timeToRepair.mean)))
        sampler.attach(to: simulator)
        simulator.run(until: .zero + scenario.duration, progress: progress)

        let end = simulator.now
        let occupancy = group.downCount.fractions(until: end)
        let perComponent = group.componentStates.map { $0.fractions(until: end)[1] }
        let serviceDown = occupancy[(maxDown + 1)...].reduce(0, +)
        return ReplicationOutcome(
            index: index, seed: seed, digest: simulator.trace.digest, events: simulator.eventsProcessed,
            metrics: [
                perComponent.reduce(0, +) / Double(spec.count), occupancy[0],
                occupancy[...maxDown].reduce(0, +), serviceDown,
            ],
            occupancy: occupancy, downSamples: sampler.samples, timeline: timeline, outageSeconds: outages)
    }

    /// Records the number of components down every `spacing`.
    final class Sampler: EventHandler {
        let group: ComponentGroup
        let spacing: SimDuration
        var samples: [Int] = []
        private var id: HandlerID?

        init(group: ComponentGroup, spacing: SimDuration) {
            self.group = group
            self.spacing = spacing
        }

        func attach(to simulator: Simulator) {
            let id = simulator.register(self)
            self.id = id
            simulator.schedule(after: spacing, for: id)
        }

        func handle(_ event: Event, in simulator: Simulator) {
            samples.append(group.currentlyDown)
            simulator.schedule(after: spacing, for: id!)
        }
    }
}
