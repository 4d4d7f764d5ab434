/// How one directed link behaves.
public struct LinkSettings: Sendable, Equatable {
    /// One-way latency, in seconds.
    public var latency: Distribution
    /// Probability that a transmission is lost. On a connection a lost segment is resent after
    /// `retransmitTimeout` (doubling each time), so loss shows as delay and order is kept; a
    /// datagram is simply dropped.
    public var loss: Double
    /// Probability that a datagram is delivered twice (connections deduplicate, as TCP does).
    public var duplication: Double
    /// The first retransmission timeout of a connection (TCP's minimum RTO is 200 ms on Linux).
    public var retransmitTimeout: SimDuration

    public init(
        latency: Distribution = .uniform(min: 0.0002, max: 0.0008), loss: Double = 0, duplication: Double = 0,
        retransmitTimeout: SimDuration = .milliseconds(200)
    ) {
        self.latency = latency
        self.loss = loss
        self.duplication = duplication
        self.retransmitTimeout = retransmitTimeout
    }

    /// Throws on a bad latency distribution or a probability outside [0, 1).
    public func validate() throws(DistributionError) {
        try latency.validate()
        for (name, p) in [("loss", loss), ("duplication", duplication)] where !(p >= 0 && p < 1) {
            throw DistributionError(parameter: name, expected: "a probability in [0, 1)", found: p)
        }
    }
}

/// Identifies one connection between two hosts, or a datagram (`incarnation == 0`).
///
/// A connection is FIFO and hole-free while it lives: once a message on it is lost to a partition
/// it is broken and drops everything until either end closes it; the next send opens a new one.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    /// The endpoint with the lower index.
    public let low: HostID
    /// The endpoint with the higher index.
    public let high: HostID
    /// Counts the connections between these two hosts; 0 for datagrams.
    public let incarnation: UInt32

    /// Whether this names a datagram rather than a connection.
    public var isDatagram: Bool { incarnation == 0 }
    public var description: String { "\(low)-\(high)#\(incarnation)" }
}

/// The state of the network between hosts, in dense per-pair tables (hosts are few; a lookup
/// per message must not hash).
struct NetworkState {
    struct Connection {
        var incarnation: UInt32 = 1
        var broken = false
        var used = false
        /// Arrival time of the last message low→high and high→low, to keep each direction FIFO.
        var lastArrivalUp: Int64 = 0
        var lastArrivalDown: Int64 = 0
    }

    var defaults = LinkSettings()
    private(set) var hostCount = 0
    /// Per directed link: an override of the defaults.
    private var overrides: [LinkSettings?] = []
    /// Per directed link: cut by a partition.
    private var cut: [Bool] = []
    /// Per unordered pair (indexed low→high).
    var connections: [Connection] = []
    /// Per directed link, created on first use.
    var linkStreams: [RandomStream?] = []

    /// Makes room for `count` hosts, keeping what is known of the existing ones.
    mutating func grow(to count: Int) {
        guard count > hostCount else { return }
        func regrow<T>(_ table: [T], _ empty: T) -> [T] {
            var grown = Array(repeating: empty, count: count * count)
            for a in 0..<hostCount { for b in 0..<hostCount { grown[a * count + b] = table[a * hostCount + b] } }
            return grown
        }
        overrides = regrow(overrides, nil)
        cut = regrow(cut, false)
        connections = regrow(connections, Connection())
        linkStreams = regrow(linkStreams, nil)
        hostCount = count
    }

    @inline(__always) func directed(_ from: HostID, _ to: HostID) -> Int { Int(from.index) * hostCount + Int(to.index) }
    @inline(__always) func pair(_ a: HostID, _ b: HostID) -> Int { directed(min(a, b), max(a, b)) }

    func settings(_ from: HostID, _ to: HostID) -> LinkSettings { overrides[directed(from, to)] ?? defaults }
    mutating func setOverride(_ from: HostID, _ to: HostID, _ settings: LinkSettings) { overrides[directed(from, to)] = settings }
    func isCut(_ from: HostID, _ to: HostID) -> Bool { cut[directed(from, to)] }
    mutating func setCut(_ from: HostID, _ to: HostID, _ value: Bool) { cut[directed(from, to)] = value }
    mutating func healAll() { cut = Array(repeating: false, count: cut.count) }
}

/// A message or a close notice on its way.
struct InFlight {
    let message: (any Message)?
    let from: HostID
    let to: HostID
    let connection: ConnectionID
    /// The recipient's incarnation when sent; notices to a later incarnation are dropped.
    let recipientIncarnation: UInt32
}
