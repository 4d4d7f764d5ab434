import Simulation
import Testing
@testable import Orchestration

@Suite struct BackoffTests {
    /// A container that crashes the moment it starts waits 0, 10, 20, 40, 80, 160, 300, 300 s
    /// (kuberuntime_manager.go doBackOff + flowcontrol.Backoff: the first restart is immediate).
    @Test func crashLoopWindowsDoubleToFiveMinutes() {
        var backoff = ContainerBackoff()
        var now = SimTime.zero
        var waits: [Double] = []
        for _ in 0..<8 {
            let restart = backoff.restartTime(finishedAt: now)
            waits.append((restart - now).seconds)
            backoff.restarted(finishedAt: now, at: restart)
            now = restart
        }
        #expect(waits == [0, 10, 20, 40, 80, 160, 300, 300])
    }

    /// A container that ran more than 2 × 300 s since the last restart starts over (hasExpired).
    @Test func tenMinutesOfRunningResetsTheBackoff() {
        var backoff = ContainerBackoff()
        backoff.restarted(finishedAt: .zero, at: .zero)
        backoff.restarted(finishedAt: .zero, at: .zero + .seconds(10))
        #expect(backoff.window == .seconds(20))
        let late = SimTime.zero + .seconds(10 + 601)
        #expect(backoff.restartTime(finishedAt: late) == late)
        backoff.restarted(finishedAt: late, at: late)
        #expect(backoff.window == .seconds(10))
        let early = late + .seconds(599)
        #expect(backoff.restartTime(finishedAt: early) == early + .seconds(10))
    }

    /// failureThreshold failures in a row turn the verdict; a success in between starts over.
    @Test func probeCounterNeedsConsecutiveResults() {
        let settings = ProbeSettings()
        var counter = ProbeCounter(passing: true)
        let changes = [false, false, true, false, false, false].map { counter.record($0, settings) }
        #expect(changes == [false, false, false, false, false, true])
        #expect(!counter.passing)
        let back = counter.record(true, settings)
        #expect(back && counter.passing)
    }

    @Test func defaultsAreKubernetesDefaults() {
        let probe = ProbeSettings()
        #expect(probe.initialDelay == .zero && probe.period == .seconds(10) && probe.timeout == .seconds(1))
        #expect(probe.failureThreshold == 3 && probe.successThreshold == 1)
        let settings = KubernetesSettings()
        #expect(settings.nodeMonitorGracePeriod == .seconds(40) && settings.tolerationSeconds == .seconds(300))
        #expect(settings.restartBackoffInitial == .seconds(10) && settings.restartBackoffMaximum == .seconds(300))
        #expect(settings.terminationGracePeriod == .seconds(30) && settings.nodeMonitorPeriod == .seconds(5))
    }
}
