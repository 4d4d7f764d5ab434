import Foundation
import Orchestration
import Simulation
import Testing
@testable import Scenarios

/// The autoscaler, CronJobs and the Deployment's rolling update in cluster scenarios.
@Suite struct KubernetesControllersScenarioTests {
    func run(_ platform: String, faults: String = "[]") throws -> (ReplicationOutcome, [String: Double], Scenario) {
        let s = try ScenarioLoader.parse(KubernetesScenarioTests.text(platform: platform, faults: faults), file: "k.json")
        let runner = ReplicationRunner(scenario: s, jobs: 1)
        let outcome = runner.replicate(0)
        #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        #expect(runner.replicate(0) == outcome)  // reproducible
        return (outcome, Dictionary(uniqueKeysWithValues: zip(runner.metricIDs.map(\.key), outcome.metrics)), s)
    }

    /// The autoscaler's slots are hosts oozie1…oozie<max>, placed before the database, and it scales
    /// the Deployment on the declared load; the metrics appear only with an autoscaler.
    @Test func autoscalerScalesTheSchedulerDeployment() throws {
        let (outcome, m, s) = try run(#"""
            {"kubernetes": {"nodes": 5, "autoscaler": {"max_replicas": 4, "target_requests_per_pod": 10,
              "load": [{"at": "0s", "requests_per_second": 15}, {"at": "20m", "requests_per_second": 35}]}}}
            """#)
        guard case .cluster(let spec) = s.system else { preconditionFailure() }
        #expect(spec.schedulerSlots == 4 && spec.hostNames.prefix(7) == ["zk1", "zk2", "zk3", "oozie1", "oozie2", "oozie3", "oozie4"])
        #expect(outcome.timeline.contains { $0.event == "k8s_scaled" && $0.subject == "oozie 2 → 4" })
        #expect(m["autoscaler_rescales_per_day"]! > 0)
        #expect(m["scheduler_ready_pods_mean"]! > 2.5 && m["scheduler_ready_pods_mean"]! < 4)
        let (_, plain, _) = try run(#"{"kubernetes": {}}"#)
        #expect(plain["autoscaler_rescales_per_day"] == nil && plain["cronjob_runs_started"] == nil)
    }

    /// A CronJob's Jobs submit through the Service every 10 minutes; with the Service down (both
    /// scheduler containers hung around 30m) its backoffLimit-0 Job fails.
    @Test func cronJobsSubmitThroughTheService() throws {
        let (outcome, m, _) = try run(
            #"{"kubernetes": {"cron_jobs": [{"name": "nightly", "schedule": "*/10 * * * *", "backoff_limit": 0}]}}"#,
            faults: #"[{"at": "1780s", "action": "pause", "host": "oozie1"}, {"at": "1780s", "action": "pause", "host": "oozie2"}]"#)
        #expect(m["cronjob_runs_started"] == 5)  // 10, 20, 30, 40, 50 min
        #expect(m["cronjob_runs_failed"] == 1 && m["cronjob_runs_succeeded"] == 4)
        #expect(outcome.timeline.contains { $0.event == "k8s_job-failed" && $0.subject == "nightly for 1800.0s" })
    }

    /// A rolling update of the scheduler Deployment (surge 1, unavailable 0 for 2 replicas) takes a
    /// third host, and the failover it causes is planned downtime.
    @Test func deploymentRolloutIsPlannedDowntime() throws {
        let (outcome, m, s) = try run(#"{"kubernetes": {"events": [{"at": "20m", "action": "rollout", "workload": "oozie"}]}}"#)
        guard case .cluster(let spec) = s.system else { preconditionFailure() }
        #expect(spec.schedulerSlots == 3)
        #expect(outcome.timeline.contains { $0.event == "k8s_rollout-complete" })
        #expect(m["unplanned_unavailability"] == 0)
        #expect(m["planned_unavailability"]! > 0)  // the latch holder's pod was deleted: a failover
    }

    /// Mistakes in the new members name their path.
    @Test(arguments: [
        (#"{"kubernetes": {"autoscaler": {"max_replicas": 4}}}"#, "$.cluster.platform.kubernetes.autoscaler", "an object with"),
        (#"{"kubernetes": {"autoscaler": {"max_replicas": 40, "target_requests_per_pod": 1}}}"#,
         "$.cluster.platform.kubernetes.autoscaler.max_replicas", "an integer in 1…16"),
        (#"{"kubernetes": {"cron_jobs": [{"name": "a", "schedule": "* * *"}]}}"#,
         "$.cluster.platform.kubernetes.cron_jobs[0].schedule", "5 fields"),
        (#"{"kubernetes": {"cron_jobs": [{"name": "a", "schedule": "@hourly", "workflow": "nope"}]}}"#,
         "$.cluster.platform.kubernetes.cron_jobs[0].workflow", "one of"),
        (#"{"kubernetes": {"cron_jobs": [{"name": "a", "schedule": "@hourly", "concurrency_policy": "forbid"}]}}"#,
         "$.cluster.platform.kubernetes.cron_jobs[0].concurrency_policy", "one of"),
        (#"{"kubernetes": {"deployment_max_surge": "150%"}}"#, "$.cluster.platform.kubernetes.deployment_max_surge", "a pod count"),
        (#"{"kubernetes": {"events": [{"at": "1m", "action": "controller_manager_down"}]}}"#,
         "$.cluster.platform.kubernetes.events[0]", "\"for\""),
    ])
    func mistakesNameThePath(platform: String, path: String, expected: String) {
        #expect { try ScenarioLoader.parse(KubernetesScenarioTests.text(platform: platform), file: "bad.json") } throws: { error in
            let e = error as! ScenarioError
            return e.path == path && e.expected.hasPrefix(expected)
        }
    }
}
