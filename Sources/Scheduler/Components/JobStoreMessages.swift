import Simulation

/// A request to the job store; `requestId` is the client's, echoed in the response.
public struct StoreRequest: Message, Equatable, Sendable {
    public enum Operation: Equatable, Sendable {
        case read([String])
        case scan(prefix: String)
        case transact(StoreTransaction)
        /// The rows the purge may delete (``PurgeQuery``).
        case purgeable(PurgeQuery)
    }
    public var requestId: Int64
    public var operation: Operation
    /// Named by operation, so traces and send-triggered faults tell reads from writes.
    public var kind: MessageKind {
        switch operation {
        case .read: Kinds.read
        case .scan: Kinds.scan
        case .transact: Kinds.transact
        case .purgeable: Kinds.purgeQuery
        }
    }

    /// The request kinds, registered once.
    public enum Kinds {
        public static let read = MessageKind("STORE_READ")
        public static let scan = MessageKind("STORE_SCAN")
        public static let transact = MessageKind("STORE_TRANSACT")
        public static let purgeQuery = MessageKind("STORE_PURGE_QUERY")
        public static let all = [read, scan, transact, purgeQuery]
    }
    public init(requestId: Int64, operation: Operation) {
        self.requestId = requestId
        self.operation = operation
    }
}

/// The job store's answer.
public struct StoreResponse: Message, Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        case rows([StoredRow])
        case outcome(StoreOutcome)
    }
    public var requestId: Int64
    public var result: Result
    public var kind: MessageKind {
        switch result {
        case .rows: Kinds.rows
        case .outcome: Kinds.outcome
        }
    }

    /// The response kinds, registered once.
    public enum Kinds {
        public static let rows = MessageKind("STORE_ROWS")
        public static let outcome = MessageKind("STORE_OUTCOME")
        public static let all = [rows, outcome]
    }
    public init(requestId: Int64, result: Result) {
        self.requestId = requestId
        self.result = result
    }
}

/// Every transaction the store decides, for the invariant checker ("no stale write lands").
public struct StoreObservation: Observation, Equatable, Sendable {
    public var transaction: StoreTransaction
    public var outcome: StoreOutcome
    public init(transaction: StoreTransaction, outcome: StoreOutcome) {
        self.transaction = transaction
        self.outcome = outcome
    }
}
