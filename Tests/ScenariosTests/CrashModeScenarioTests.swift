import Simulation
import Testing
@testable import Scenarios

/// Crash modes in scenario files: scripted faults and failure models.
@Suite struct CrashModeScenarioTests {
    static func ensemble(failure: String = "", faults: String) throws -> Scenario {
        try ScenarioLoader.parse("""
            {"name": "m", "kind": "ensemble", "seed": 1, "duration": "1h", "replications": 2,
             "ensemble": {"servers": 3\(failure)}, "faults": [\(faults)]}
            """, file: "m.json")
    }

    @Test func scriptedCrashesDefaultToAProcessCrashAndALostWriteCacheToAHostCrash() throws {
        let s = try Self.ensemble(faults: """
            {"at": "1m", "action": "crash", "host": "zk1"},
            {"at": "2m", "action": "crash", "host": "zk2", "mode": "host"},
            {"at": "3m", "action": "lose_unsynced_writes", "host": "zk3"},
            {"at": "4m", "action": "disk_loss", "host": "zk1", "mode": "host"}
            """)
        let crashes = FaultPlan.timeline(of: s).compactMap { entry -> CrashMode? in
            if case .crash(_, let mode, _) = entry.fault { return mode }
            return nil
        }
        #expect(crashes == [.process, .host, .host, .host])
    }

    @Test func aModeOnAnotherActionIsAnErrorNamingItsPath() {
        #expect {
            try Self.ensemble(faults: #"{"at": "1m", "action": "pause", "host": "zk1", "mode": "host"}"#)
        } throws: { error in
            let e = error as! ScenarioError
            return e.path == "$.faults[0].mode" && e.expected.contains("no \"mode\" on pause")
        }
        #expect {
            try Self.ensemble(faults: #"{"at": "1m", "action": "crash", "host": "zk1", "mode": "power"}"#)
        } throws: { error in
            (error as! ScenarioError).path == "$.faults[0].mode"
        }
    }

    @Test func failureModelsDefaultToHostCrashesAndMayMixOrChoose() throws {
        func model(_ extra: String) throws -> FailureModel? {
            let s = try Self.ensemble(
                failure: #", "failure": {"ttf": {"exponential": {"mean": "1d"}}, "ttr": {"deterministic": "1h"}\#(extra)}"#,
                faults: "")
            guard case .ensemble(let e) = s.system else { return nil }
            return e.failure
        }
        #expect(try model("")?.crashModes == .host)
        #expect(try model(#", "mode": "process""#)?.crashModes == .process)
        #expect(try model(#", "silent_share": 0.3"#)?.crashModes == CrashModeMix(silentShare: 0.3))
        #expect {
            try model(#", "mode": "host", "silent_share": 0.3"#)
        } throws: { error in
            (error as! ScenarioError).path == "$.ensemble.failure.silent_share"
        }
    }
}
