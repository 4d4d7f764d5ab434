import Simulation

/// The kubelet: probe workers, kills, restarts in place with CrashLoopBackOff, container start.
extension Orchestrator {
    static let liveness = 0, readiness = 1, startup = 2

    func probeSettings(_ kind: Int) -> ProbeSettings? {
        switch kind {
        case Self.liveness: return settings.liveness
        case Self.readiness: return settings.readiness
        default: return settings.startup
        }
    }

    /// Starts the probe workers of a pod just bound to a node (pkg/kubelet/prober/prober_manager.go
    /// `AddPod`): each ticks every `periodSeconds` from now, whatever the container does meanwhile.
    func startProbeWorkers(_ p: Int) {
        pods[p].binding &+= 1
        for kind in [Self.liveness, Self.readiness, Self.startup] where probeSettings(kind) != nil {
            schedule(.probe, at: simulator.now, payload(p, pods[p].binding, probe: kind))
        }
    }

    /// One tick of a probe worker (pkg/kubelet/prober/worker.go `run`): probes, then waits a period.
    func probeTick(_ p: Int, kind: Int, binding: UInt32) {
        guard let node = pods[p].node, pods[p].binding == binding, nodes[node].isUp, let probe = probeSettings(kind)
        else { return }
        schedule(.probe, at: simulator.now + probe.period, payload(p, binding, probe: kind))
        probeOnce(p, kind: kind)
    }

    /// One probe (worker.go `doProbe`): nothing while the container is not running or younger than
    /// `initialDelaySeconds`; liveness and readiness wait for the startup probe. A hung process
    /// answers nothing: the probe fails after `timeoutSeconds`.
    func probeOnce(_ p: Int, kind: Int) {
        guard let probe = probeSettings(kind), pods[p].phase == .running,
            simulator.now - pods[p].startedAt >= probe.initialDelay, (kind == Self.startup) != pods[p].started
        else { return }
        guard simulator.status(of: pods[p].host) == .up else {
            schedule(.probeFailed, at: simulator.now + probe.timeout, payload(p, pods[p].generation, probe: kind))
            return
        }
        let ready = kind != Self.readiness || (readinessGate?(pods[p].host) ?? true)
        record(p, kind: kind, success: ready)
    }

    /// A started container that is not Ready yet gets a readiness probe at once, not at the next
    /// tick (prober_manager.go `UpdatePodStatus` sends to the worker's `manualTriggerCh`), at the
    /// pod's next status sync: the kubelet's PLEG relists every second (kubelet.go `plegRelistPeriod`).
    func triggerReadinessProbe(_ p: Int) {
        guard settings.readiness != nil else { return }
        let relist = SimDuration(seconds: streams[p].nextUnit())
        schedule(.readinessTrigger, at: simulator.now + relist, payload(p, pods[p].generation, probe: Self.readiness))
    }

    func record(_ p: Int, kind: Int, success: Bool) {
        guard pods[p].phase == .running, let probe = probeSettings(kind) else { return }
        switch kind {
        case Self.startup:
            if success {
                pods[p].started = true
                if settings.readiness == nil { readinessChanged(p) } else { triggerReadinessProbe(p) }
            } else if pods[p].startup.record(false, probe) {
                kill(p, reason: "startup probe failed")
            }
        case Self.liveness:
            if pods[p].liveness.record(success, probe), !pods[p].liveness.passing { kill(p, reason: "liveness probe failed") }
        default:
            if pods[p].readiness.record(success, probe) { readinessChanged(p) }
        }
    }

    /// Kills the container (pkg/kubelet/kuberuntime `killContainer`): SIGTERM, then SIGKILL after the
    /// termination grace period; a hung process cannot exit on SIGTERM, so it waits out the grace.
    func kill(_ p: Int, reason: String) {
        note("kill", "\(pods[p].name): \(reason)", host: pods[p].host)
        if simulator.status(of: pods[p].host) == .paused {
            schedule(.killGraceOver, at: simulator.now + settings.terminationGracePeriod, payload(p, pods[p].generation))
        } else {
            killNow(p)
        }
    }

    func killNow(_ p: Int) {
        guard pods[p].phase == .running else { return }
        if let hung = pods[p].hungAt { measure(.livenessDetection, from: hung) }
        crashHost(p, silently: false)
        containerExited(p)
    }

    /// The container exited: wait out the back-off, then restart it in place (`restartPolicy: Always`).
    func containerExited(_ p: Int) {
        guard pods[p].phase == .running else { return }
        pods[p].phase = .backoff
        pods[p].generation &+= 1
        pods[p].exitedAt = simulator.now
        pods[p].hungAt = nil
        let restartAt = pods[p].backoff.restartTime(finishedAt: simulator.now)
        note("exited", "\(pods[p].name) restarts in \((restartAt - simulator.now).seconds)s", host: pods[p].host)
        schedule(.restart, at: restartAt, payload(p, pods[p].generation))
        readinessChanged(p)
    }

    func restartContainer(_ p: Int) {
        guard pods[p].phase == .backoff else { return }
        pods[p].backoff.restarted(finishedAt: pods[p].exitedAt, at: simulator.now)
        measure(.restartBackoff, from: pods[p].exitedAt)
        pods[p].restarts += 1
        phases.restarts += 1
        createContainer(p)
    }

    /// Pulls the image if the node lacks it, then starts the container.
    func createContainer(_ p: Int) {
        guard let node = pods[p].node else { preconditionFailure("creating an unbound pod") }
        pods[p].phase = .creating
        pods[p].generation &+= 1
        pods[p].restartBeganAt = simulator.now
        let group = pods[p].group
        var delay = sample(settings.containerStart, for: p)
        if !nodes[node].images[group] {
            delay = delay + sample(settings.imagePull, for: p)
            nodes[node].images[group] = true  // simplification: cached from the start of the pull
        }
        schedule(.processStart, at: simulator.now + delay, payload(p, pods[p].generation))
    }

    /// The container's process starts, from its volume (or an empty disk), on the node's clock.
    func processStart(_ p: Int) {
        guard pods[p].phase == .creating, let node = pods[p].node else { return }
        let host = pods[p].host
        let offset = simulator.localTime(of: host) - simulator.now
        if offset != nodes[node].clockOffset { simulator.jumpClock(of: host, by: nodes[node].clockOffset - offset) }
        simulator.restart(host, wipeDisk: pods[p].wipeOnStart)
        if let began = pods[p].restartBeganAt { measure(.containerStart, from: began) }
        pods[p].wipeOnStart = false
        pods[p].phase = .running
        pods[p].generation &+= 1
        pods[p].startedAt = simulator.now
        pods[p].runningSince = simulator.now
        pods[p].started = settings.startup == nil
        pods[p].liveness = ProbeCounter(passing: true)
        pods[p].readiness = ProbeCounter(passing: settings.readiness == nil)
        pods[p].startup = ProbeCounter(passing: true)
        note("started", "\(pods[p].name) on \(nodes[node].name)", host: host)
        scheduleContainerFailure(p)
        if pods[p].started { triggerReadinessProbe(p) }
        readinessChanged(p)
    }

    func scheduleContainerFailure(_ p: Int) {
        guard let ttf = groups[pods[p].group].containerFailure else { return }
        schedule(.containerFailure, at: simulator.now + sample(ttf, for: p), payload(p, pods[p].generation))
    }

    /// The container's own failure: it hangs (a share of failures) or its process crashes.
    func containerFails(_ p: Int) {
        guard pods[p].phase == .running else { return }
        let hangs = streams[p].bernoulli(settings.hangShare)
        if hangs { simulator.pause(pods[p].host) } else { simulator.crash(pods[p].host) }
    }

    /// The cluster is already running at time zero: every pod that fits is bound, running and
    /// Ready, its probe workers at a random phase; a pod that fits nowhere waits, its host down.
    func placeInitially(_ setup: inout RandomStream) {
        for p in pods.indices {
            if pods[p].ordinal >= desiredReplicas[pods[p].group] {
                pods[p].phase = .absent
                crashHost(p, silently: true)
                continue
            }
            guard let node = pickNode(for: p) else {
                crashHost(p, silently: true)
                continue
            }
            pods[p].node = node
            nodes[node].images[pods[p].group] = true
            pods[p].phase = .running
            pods[p].started = true
            pods[p].readiness = ProbeCounter(passing: true)
            pods[p].isEndpoint = groups[pods[p].group].inService
            let phase = SimDuration(seconds: setup.nextUnit() * (settings.liveness ?? ProbeSettings()).period.seconds)
            for kind in [Self.liveness, Self.readiness, Self.startup] where probeSettings(kind) != nil {
                schedule(.probe, at: simulator.now + phase, payload(p, pods[p].binding, probe: kind))
            }
            scheduleContainerFailure(p)
        }
        for p in pods.indices { readinessChanged(p) }
    }
}
