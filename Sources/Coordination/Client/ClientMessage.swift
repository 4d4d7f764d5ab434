import Simulation

/// A watch a client holds, re-sent when it reconnects so the new server can re-arm or fire it.
public struct WatchRegistration: Hashable, Sendable {
    public enum Kind: Int, Sendable { case data, exists, children }
    public var path: String
    public var kind: Kind
    public init(path: String, kind: Kind) { self.path = path; self.kind = kind }
}

/// Messages between a client and the server it is connected to.
///
/// Large payloads are `indirect` (see ``PeerMessage``): a session's PING and PONG go without a heap box.
public enum ClientMessage: Message, Sendable {
    /// `session == 0` asks for a new session. `lastZxidSeen` stops a client from moving to a
    /// server that is behind what it already saw; `watches` are re-armed relative to it.
    indirect case connect(session: SessionID, timeout: SimDuration, lastZxidSeen: Zxid, watches: [WatchRegistration])
    case connected(session: SessionID, timeout: SimDuration)
    /// The session is gone: the client must not use it again.
    case expired
    indirect case request(cxid: Int64, Operation)
    /// `zxid` is the server's last applied zxid when it answered.
    indirect case response(cxid: Int64, zxid: Zxid, Result<Reply, ZKError>)
    indirect case watch(WatchedEvent)
    case ping
    case pong
    case close(cxid: Int64)

    public var kind: MessageKind {
        switch self {
        case .connect: Kinds.connect
        case .connected: Kinds.connected
        case .expired: Kinds.expired
        case .request: Kinds.request
        case .response: Kinds.response
        case .watch: Kinds.watch
        case .ping: Kinds.ping
        case .pong: Kinds.pong
        case .close: Kinds.close
        }
    }

    /// Each case's kind, registered once.
    public enum Kinds {
        public static let connect = MessageKind("CONNECT")
        public static let connected = MessageKind("CONNECTED")
        public static let expired = MessageKind("EXPIRED")
        public static let request = MessageKind("CLIENT-REQUEST")
        public static let response = MessageKind("CLIENT-RESPONSE")
        public static let watch = MessageKind("WATCH-EVENT")
        public static let ping = MessageKind("CLIENT-PING")
        public static let pong = MessageKind("CLIENT-PONG")
        public static let close = MessageKind("CLOSE-SESSION")
        /// Every kind a client and its server send each other.
        public static let all = [connect, connected, expired, request, response, watch, ping, pong, close]
    }
}
