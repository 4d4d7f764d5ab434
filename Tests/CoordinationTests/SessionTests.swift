import Coordination
import Simulation
import Testing

@Suite struct SessionTests {
    @Test func timeoutIsClampedToTwoAndTwentyTicks() {
        let zk = Ensemble(size: 3, seed: 1)
        let short = zk.sim.addHost("short") { _ in ScriptedClient(servers: zk.servers, timeout: .seconds(1), plan: []) }
        let long = zk.sim.addHost("long") { _ in ScriptedClient(servers: zk.servers, timeout: .seconds(100), plan: []) }
        zk.sim.run(for: .seconds(5))
        #expect((zk.sim.process(of: short) as! ScriptedClient).client.sessionTimeout == .seconds(4))
        #expect((zk.sim.process(of: long) as! ScriptedClient).client.sessionTimeout == .seconds(40))
    }

    @Test func expiredSessionLosesItsEphemerals() {
        let zk = Ensemble(size: 3, seed: 2)
        let host = zk.sim.addHost("client") { _ in
            ScriptedClient(servers: zk.servers, timeout: .seconds(6), plan: [.create(path: "/e", data: "", mode: .ephemeral)])
        }
        zk.sim.run(for: .seconds(3))
        #expect(zk.servers.allSatisfy { zk.server($0).tree.node("/e") != nil })
        let owner = zk.server(zk.leader!).tree.node("/e")!.stat.ephemeralOwner
        zk.sim.crash(host)
        zk.sim.run(for: .seconds(4))
        #expect(zk.servers.allSatisfy { zk.server($0).tree.node("/e") != nil })  // the session still lives
        zk.sim.run(for: .seconds(4))  // past 6 s plus a tick
        #expect(zk.servers.allSatisfy { zk.server($0).tree.node("/e") == nil })
        #expect(zk.servers.allSatisfy { zk.server($0).tree.sessions[owner] == nil })
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }

    @Test func closedSessionDeletesEphemeralsAtOnce() {
        let zk = Ensemble(size: 3, seed: 3)
        let host = zk.sim.addHost("client") { _ in
            let c = ScriptedClient(servers: zk.servers, timeout: .seconds(30), plan: [.create(path: "/e", data: "", mode: .ephemeral)])
            c.closeWhenDone = true
            return c
        }
        zk.sim.run(for: .seconds(2))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.created == ["/e"])
        #expect(client.client.state == .closed)
        #expect(zk.servers.allSatisfy { zk.server($0).tree.node("/e") == nil && zk.server($0).tree.sessions.isEmpty })
    }

    @Test func watchFiresOnceAndBeforeTheResponseThatFollows() {
        let zk = Ensemble(size: 3, seed: 4)
        let host = zk.sim.addHost("client") { _ in
            ScriptedClient(
                servers: zk.servers,
                plan: [
                    .create(path: "/x", data: "0", mode: .persistent), .getData(path: "/x", watch: true),
                    .setData(path: "/x", data: "1", version: 0), .setData(path: "/x", data: "2", version: 1),
                    .setData(path: "/x", data: "3", version: 1),
                ])
        }
        zk.sim.run(for: .seconds(5))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(client.watchEvents == [WatchedEvent(kind: .nodeDataChanged, path: "/x")])
        let watch = client.arrivals.firstIndex { $0.hasPrefix("watch") }!
        let reply = client.arrivals.firstIndex { $0.contains("\"1\"") }!
        #expect(watch < reply)
        #expect(client.replies.last?.result == .failure(.badVersion))
    }

    @Test func otherClientsWatchSeesCreation() {
        let zk = Ensemble(size: 3, seed: 6)
        let watcher = zk.sim.addHost("watcher") { _ in ScriptedClient(servers: zk.servers, plan: [.exists(path: "/y", watch: true)]) }
        zk.sim.run(for: .seconds(3))
        zk.sim.addHost("writer") { _ in ScriptedClient(servers: zk.servers, plan: [.create(path: "/y", data: "", mode: .persistent)]) }
        zk.sim.run(for: .seconds(3))
        #expect((zk.sim.process(of: watcher) as! ScriptedClient).watchEvents == [WatchedEvent(kind: .nodeCreated, path: "/y")])
    }

    @Test func sessionSurvivesLeaderPausedPastItsTimeout() {
        let zk = Ensemble(size: 3, seed: 8)
        #expect(zk.runUntilStable())
        let old = zk.leader!
        let oldEpoch = zk.server(old).currentEpoch
        let host = zk.sim.addHost("client") { _ in
            ScriptedClient(servers: [old] + zk.servers.filter { $0 != old }, timeout: .seconds(6),
                           plan: [.create(path: "/eph", data: "", mode: .ephemeral)])
        }
        zk.sim.run(for: .seconds(3))
        zk.sim.pause(old)
        zk.sim.run(for: .seconds(30))
        let new = zk.establishedLeaders.first { $0 != old }
        #expect(new != nil)
        #expect(zk.server(new!).currentEpoch > oldEpoch)
        zk.sim.resume(old)
        zk.sim.run(for: .seconds(20))
        let client = zk.sim.process(of: host) as! ScriptedClient
        #expect(!client.states.map(\.state).contains(.expired))
        #expect(client.client.state == .connected)
        #expect(zk.server(old).state == .following)
        #expect(zk.servers.allSatisfy { zk.server($0).tree.node("/eph") != nil })
        #expect(zk.checker.isClean, "\(zk.checker.violations)")
    }
}
