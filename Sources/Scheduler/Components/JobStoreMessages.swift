import Simulation

/// A request to the job store; `requestId` is the client's, echoed in the response.
public struct StoreRequest: Message, Equatable, Sendable {
    public enum Operation: Equatable, Sendable {
        case read([String])
        case scan(prefix: String)
        case transact(StoreTransaction)
    }
    public var requestId: Int64
    public var operation: Operation
    /// Named by operation, so traces and send-triggered faults tell reads from writes.
    public var kind: String {
        switch operation {
        case .read: "STORE_READ"
        case .scan: "STORE_SCAN"
        case .transact: "STORE_TRANSACT"
        }
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
    public var kind: String {
        switch result {
        case .rows: "STORE_ROWS"
        case .outcome: "STORE_OUTCOME"
        }
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
