// The `Coordination` layer: a ZooKeeper-like service on the simulation kernel. See docs/design.md.
//
// Layout
//   Zab/       ZabServer (one Process per server host): fast leader election (+Election),
//              discovery and sync (+Leader, +Follower), broadcast (+Broadcast), sessions
//              (+Sessions), clients and watches (+Clients); ZabDisk is its durable state.
//   Data/      DataTree (znodes, sessions, ephemerals), operations, replies, transactions.
//   Client/    ZooKeeperClient, the embeddable client library, and its wire messages.
//   Recipes/   LeaderLatch and ExclusiveLock (fencing tokens = czxid), FencedStore.
//   Checkers/  Observers that check safety while the run goes (ZabInvariantChecker,
//              LatchChecker, ClientHistory + LinearizabilityChecker) and ZabMetrics.
//
// Building an ensemble
//   var config = ZabConfig(servers: (0..<5).map(HostID.init))   // the first hosts added
//   for i in 0..<5 {
//       sim.addHost("zk\(i + 1)", durable: { ZabDisk() }, process: { ZabServer($0, config: config) })
//   }
//   sim.addObserver(ZabInvariantChecker())
//
// Embedding a client in a higher layer's Process (e.g. a scheduler server)
//   let zk = ZooKeeperClient(servers: config.servers, sessionTimeout: .seconds(30))
//   let latch = LeaderLatch(path: "/oozie/leader", participantID: "server1")
//   start:            events = zk.start(ctx)
//   receive:          if let events = zk.receive(message, from: peer, on: connection, ctx) { ... return }
//   timerFired:       if let events = zk.timerFired(timer, tag: tag, ctx) { ... return }
//   connectionClosed: if let events = zk.connectionClosed(connection, peer: peer, ctx) { ... return }
//   requests:         let (id, immediate) = zk.submit(.create(path:data:mode:), ctx)  // reply comes as an event
//   every event:      latchEvents = latch.handle(event, zk, ctx)   // after `.state(.connected)`: latch.start(zk, ctx)
//   latch events:     .acquired(token:) → act, tagging writes with the token; .lost → stop at once
// The client's timers use tags 1_000_000 ..< 1_000_003 (ZooKeeperClient.timerTagBase): keep clear of them.
// A session that reports `.expired` is dead for good: build a new ZooKeeperClient (and latch) to rejoin.
