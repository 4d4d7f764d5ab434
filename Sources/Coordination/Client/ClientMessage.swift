import Simulation

/// A watch a client holds, re-sent when it reconnects so the new server can re-arm or fire it.
public struct WatchRegistration: Hashable, Sendable {
    public enum Kind: Int, Sendable { case data, exists, children }
    public var path: String
    public var kind: Kind
    public init(path: String, kind: Kind) { self.path = path; self.kind = kind }
}

/// Messages between a client and the server it is connected to.
public enum ClientMessage: Message, Sendable {
    /// `session == 0` asks for a new session. `lastZxidSeen` stops a client from moving to a
    /// server that is behind what it already saw; `watches` are re-armed relative to it.
    case connect(session: SessionID, timeout: SimDuration, lastZxidSeen: Zxid, watches: [WatchRegistration])
    case connected(session: SessionID, timeout: SimDuration)
    /// The session is gone: the client must not use it again.
    case expired
    case request(cxid: Int64, Operation)
    /// `zxid` is the server's last applied zxid when it answered.
    case response(cxid: Int64, zxid: Zxid, Result<Reply, ZKError>)
    case watch(WatchedEvent)
    case ping
    case pong
    case close(cxid: Int64)

    public var kind: String {
        switch self {
        case .connect: "CONNECT"
        case .connected: "CONNECTED"
        case .expired: "EXPIRED"
        case .request: "CLIENT-REQUEST"
        case .response: "CLIENT-RESPONSE"
        case .watch: "WATCH-EVENT"
        case .ping: "CLIENT-PING"
        case .pong: "CLIENT-PONG"
        case .close: "CLOSE-SESSION"
        }
    }
}
