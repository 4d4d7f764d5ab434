/// Why a generator, a distribution or a computation on a ``MarkovChain`` was rejected.
public enum MarkovChainError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The generator has no states.
    case empty
    /// Row `row` has `columns` entries but the generator has `rows` rows.
    case notSquare(row: Int, columns: Int, rows: Int)
    /// An entry is NaN or infinite.
    case nonFinite(row: Int, column: Int, value: Double)
    /// A transition rate (off-diagonal entry) is negative.
    case negativeRate(row: Int, column: Int, value: Double)
    /// A row does not sum to zero within the tolerance relative to its largest entry.
    case rowSumNotZero(row: Int, sum: Double)
    /// A state index is outside `0..<stateCount`.
    case stateOutOfRange(state: Int, stateCount: Int)
    /// An initial distribution has the wrong length, a negative or non-finite entry, or does not sum to 1.
    case invalidDistribution(reason: String)
    /// The chain is not irreducible, so it has no unique steady state.
    case notIrreducible(state: Int)
    /// The GTH and LU steady states differ by more than the tolerance.
    case crossCheckFailed(maxDifference: Double, tolerance: Double)
    /// A time horizon is negative, NaN or infinite.
    case invalidTime(Double)
    /// A GSL routine failed.
    case gsl(GSLError)

    public var description: String {
        switch self {
        case .empty: "generator: expected at least one state, found none"
        case .notSquare(let row, let columns, let rows):
            "generator: expected a square matrix, row \(row) has \(columns) entries but there are \(rows) rows"
        case .nonFinite(let row, let column, let value):
            "generator: expected finite entries, found \(value) at (\(row), \(column))"
        case .negativeRate(let row, let column, let value):
            "generator: expected off-diagonal rates ≥ 0, found \(value) at (\(row), \(column))"
        case .rowSumNotZero(let row, let sum): "generator: expected row \(row) to sum to 0, found \(sum)"
        case .stateOutOfRange(let state, let count): "state \(state) is outside 0..<\(count)"
        case .invalidDistribution(let reason): "initial distribution: \(reason)"
        case .notIrreducible(let state):
            "the chain is not irreducible (state \(state) cannot reach the states before it), so it has no unique steady state"
        case .crossCheckFailed(let difference, let tolerance):
            "steady state: GTH and LU differ by \(difference), more than the tolerance \(tolerance)"
        case .invalidTime(let t): "time: expected a finite number ≥ 0, found \(t)"
        case .gsl(let error): error.description
        }
    }
}
