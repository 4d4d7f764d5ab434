import Simulation

/// Runs one replication of a ``ComponentsSpec``: n components failing and being repaired, with
/// nothing else, so the simulator's statistics can be checked against the math at full speed.
enum ComponentsReplication {
    static let metrics = [
        MetricID(key: "component_unavailability", title: "Fraction of time a component is down (p)", isFraction: true),
        MetricID(key: "all_up", title: "Fraction of time all components are up", isFraction: true, measuresComplement: true),
        MetricID(key: "service_availability", title: "Service availability (at least k up)", isFraction: true, measuresComplement: true),
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
        var outages: [Outage] = []
        var outageStart: SimTime?
        let measureFrom = SimTime.zero + scenario.warmUp
        var cycles: Cycles?
        group.onChange = { component, change in
            let up = change.isUp
            let now = simulator.now
            cycles?.update(group, changed: component, at: now)
            if keepTimeline {
                timeline.append(TimelineEntry(time: now, event: up ? "repair" : "failure", subject: "component\(component)"))
            }
            let serviceUp = group.currentlyDown <= maxDown
            if !serviceUp && outageStart == nil {
                outageStart = now
                if keepTimeline { timeline.append(TimelineEntry(time: now, event: "outage_start", subject: "service")) }
            } else if serviceUp, let start = outageStart {
                if now > measureFrom { outages.append(Outage(start: max(start, measureFrom), end: now)) }
                outageStart = nil
                if keepTimeline { timeline.append(TimelineEntry(time: now, event: "outage_end", subject: "service")) }
            }
        }
        group.attach(to: simulator)
        simulator.run(until: measureFrom)
        group.resetStatistics(at: simulator.now)
        cycles = Cycles(group, maxDown: maxDown, at: simulator.now)
        let sampler = Sampler(group: group, spacing: SimDuration(
            seconds: sampleSpacingCycles * (spec.failure.timeToFailure.mean + spec.failure.timeToRepair.mean)))
        sampler.attach(to: simulator)
        simulator.run(until: .zero + scenario.duration, progress: progress)

        let end = simulator.now
        if let start = outageStart { outages.append(Outage(start: max(start, measureFrom), end: end, isCensored: true)) }
        let occupancy = group.downCount.fractions(until: end)
        // Fractions of time as one quotient of integer nanoseconds each, and availability as
        // 1 − down time / time: summing fractions gave 1.0000000000000002 and 0.99999999999999989.
        let span = Double((end - group.downCount.start).nanoseconds)
        let downTotals = group.downCount.totals(until: end)
        let serviceDown = Double(downTotals[(maxDown + 1)...].reduce(0, +)) / span
        let notAllUp = Double(downTotals[1...].reduce(0, +)) / span
        let componentDown = Double(group.componentStates.reduce(0) { $0 + $1.totals(until: end)[1] }) / (span * Double(spec.count))
        let finished = cycles!.finish(at: end)
        var outcome = ReplicationOutcome(
            index: index, seed: seed, digest: simulator.trace.digest, events: simulator.eventsProcessed,
            metrics: [componentDown, 1 - notAllUp, 1 - serviceDown, serviceDown],
            occupancy: occupancy, downSamples: sampler.samples, timeline: timeline, outages: outages)
        outcome.metricCycles = [finished.component, finished.notAllUp, finished.service, finished.service]
        outcome.occupancyCycles = finished.states
        return outcome
    }

    /// The cycles behind every fraction of time: the service down, not all up, each k down, and
    /// each component down (pooled over the components).
    struct Cycles {
        var service, notAllUp: VisitCycles
        var states: [VisitCycles]
        var components: [VisitCycles]
        let maxDown: Int

        init(_ group: ComponentGroup, maxDown: Int, at time: SimTime) {
            let down = group.currentlyDown
            self.maxDown = maxDown
            service = VisitCycles(inSet: down > maxDown, at: time)
            notAllUp = VisitCycles(inSet: down > 0, at: time)
            states = (0..<group.isUp.count + 1).map { VisitCycles(inSet: $0 == down, at: time) }
            components = group.isUp.map { VisitCycles(inSet: !$0, at: time) }
        }

        mutating func update(_ group: ComponentGroup, changed component: Int, at time: SimTime) {
            let down = group.currentlyDown
            service.set(down > maxDown, at: time)
            notAllUp.set(down > 0, at: time)
            for k in states.indices { states[k].set(k == down, at: time) }
            components[component].set(!group.isUp[component], at: time)
        }

        mutating func finish(at end: SimTime) -> (service: CycleStatistics, notAllUp: CycleStatistics,
                                                  states: [CycleStatistics], component: CycleStatistics) {
            var component = CycleStatistics()
            for i in components.indices { component.merge(components[i].finish(at: end)) }
            return (service.finish(at: end), notAllUp.finish(at: end), states.indices.map { states[$0].finish(at: end) }, component)
        }
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
