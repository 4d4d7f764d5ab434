/// The send/deliver benchmark: `hosts` relay processes pass `tokens` messages around over FIFO
/// connections; a relay that receives a token forwards it to a peer drawn from its own stream.
///
/// Each event is one delivery through the kernel's network path (connection state, latency draw,
/// in-flight slab, trace digest, `Process.receive` through an existential, the receiver's cast),
/// the path every protocol message takes. The token carries four words, as protocol messages do,
/// so it does not fit an existential's inline buffer and is boxed on send as they are.
/// Not thread-safe (one model per simulator).
public final class MessageExchangeModel {
    /// The message passed around; `hops` counts deliveries of this token.
    public struct Token: Message {
        public var id: Int64
        public var hops: Int64
        public var origin: Int64
        public var checksum: Int64
        public static let kind = MessageKind("TOKEN")
        public var kind: MessageKind { Self.kind }
    }

    /// Deliveries so far.
    public fileprivate(set) var delivered = 0
    /// Sum of the hop counts delivered, wrapping (a checksum for tests).
    public fileprivate(set) var hopChecksum: Int64 = 0
    public let eventLimit: Int
    public let hostIDs: [HostID]
    unowned let simulator: Simulator

    /// Adds `hosts` relays to `simulator`, each starting `tokens / hosts` tokens (at least one in all).
    public init(hosts: Int, tokens: Int, eventLimit: Int, in simulator: Simulator) {
        precondition(hosts > 1 && tokens > 0 && eventLimit > 0)
        self.eventLimit = eventLimit
        self.simulator = simulator
        var ids: [HostID] = []
        for index in 0..<hosts { ids.append(HostID(simulator.hostIDs.count + index)) }
        hostIDs = ids
        for index in 0..<hosts {
            let starting = tokens / hosts + (index < tokens % hosts ? 1 : 0)
            simulator.addHost("relay\(index)") { [unowned self] _ in
                Relay(model: self, startingTokens: starting, firstToken: Int64(index * (tokens / hosts + 1)))
            }
        }
    }

    /// Runs until `eventLimit` tokens have been delivered.
    public func run() { simulator.run(until: .distantFuture) }

    fileprivate func count(_ token: Token) {
        delivered &+= 1
        hopChecksum &+= token.hops
        if delivered >= eventLimit { simulator.stop() }
    }

    final class Relay: Process {
        unowned let model: MessageExchangeModel
        let startingTokens: Int
        let firstToken: Int64

        init(model: MessageExchangeModel, startingTokens: Int, firstToken: Int64) {
            self.model = model
            self.startingTokens = startingTokens
            self.firstToken = firstToken
        }

        func start(_ context: ProcessContext) {
            for i in 0..<startingTokens {
                let token = Token(id: firstToken + Int64(i), hops: 0, origin: Int64(context.host.index), checksum: 0)
                forward(token, context)
            }
        }

        func receive(_ message: any Message, from peer: HostID, on connection: ConnectionID, _ context: ProcessContext) {
            guard var token = message as? Token else { preconditionFailure("a relay only receives tokens") }
            token.hops += 1
            token.checksum &+= Int64(peer.index)
            model.count(token)
            forward(token, context)
        }

        func timerFired(_ timer: TimerID, tag: Int, _ context: ProcessContext) {}

        private func forward(_ token: Token, _ context: ProcessContext) {
            let peers = model.hostIDs
            var next = peers[context.random { $0.nextInt(below: peers.count - 1) }]
            if next == context.host { next = peers[peers.count - 1] }
            context.send(token, to: next)
        }
    }
}
