/// The two-unit active/standby CTMC of docs/models.md, built from ``Parameters``.
///
/// **Without failback** the units are interchangeable and the states are, in this order:
/// `2` both up (up) · `S` active failed, switching over (down) · `1` one up, the other in repair
/// (up) · `U` active failed, not covered (down) · `0` both failed (down). An instantaneous
/// switchover removes `S` (a covered failure goes straight to `1`); `c = 1` removes `U`.
///
/// **With failback** (rate δ_fb) the primary P and the backup B are distinguishable, because a
/// repaired primary takes service back from the backup through a planned switch that is itself an
/// outage. States, in this order:
///
/// | state | units                                    | service |
/// |-------|------------------------------------------|---------|
/// | `2`   | both up, P active                        | up      |
/// | `S`   | P failed (covered), switching to B       | down    |
/// | `U`   | P failed, not covered                    | down    |
/// | `1P`  | P active, B in repair                    | up      |
/// | `1B`  | B active, P in repair                    | up      |
/// | `FB`  | both up, failing back from B to P        | down    |
/// | `FB1` | failing back to P, B failed during it    | down    |
/// | `0P`  | both failed, P failed first              | down    |
/// | `0B`  | both failed, B failed first              | down    |
///
/// Transitions: `2 → S` cλ (→ `1B` if instantaneous), `2 → U` (1−c)λ, `2 → 1P` λs; `S → 2` μ,
/// `S → 1B` δ, `S → 0P` λs; `U → 2` μ, `U → 1B` β, `U → 0P` λs; `1P → 2` μ, `1P → 0B` λ;
/// `1B → FB` μ (the repaired primary starts the failback), `1B → 0P` λ; `FB → 2` δ_fb,
/// `FB → 1B` λs (the primary fails while taking over; B resumes), `FB → FB1` λ (B, still loaded,
/// fails); `FB1 → 1P` δ_fb, `FB1 → 0B` λs, `FB1 → FB` μ. From both failed, one crew repairs the unit
/// that failed first (`0P → 1P`, `0B → 1B`, rate μ); two crews repair both (`→ 1P` μ, `→ 1B` μ).
/// As δ_fb → ∞, `1P` and `1B` lump together and the chain reduces to the one without failback.
public struct ActiveStandby: Sendable {
    public let parameters: Parameters
    /// The chain; state `i` is named `stateNames[i]`.
    public let chain: MarkovChain
    /// The state names in generator order.
    public let stateNames: [String]
    /// Indices of the states where the service is up.
    public let upStates: Set<Int>
    /// Indices of the states where the service is down.
    public let downStates: Set<Int>
    /// Index of state `2` (both up, primary active): where every transient starts.
    public let initialState: Int

    /// Validates the parameters and builds the chain.
    public init(_ parameters: Parameters) throws(ParameterError) {
        try parameters.validate()
        self.parameters = parameters
        let p = parameters
        let delta = p.switchover.equivalentRate(standbyFailureRate: p.standbyFailureRate, repairRate: p.repairRate)
        let hasS = delta != nil
        let hasU = p.coverage < 1
        let spec =
            p.failbackRate == nil
            ? Self.interchangeable(p, delta: delta) : Self.withFailback(p, delta: delta, failback: p.failbackRate!)
        let names = spec.states.filter { ($0.name != "S" || hasS) && ($0.name != "U" || hasU) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1.name, $0) })
        let transitions = spec.transitions.compactMap { t -> (from: Int, to: Int, rate: Double)? in
            guard let from = index[t.from], let to = index[t.to], t.rate > 0 else { return nil }
            return (from, to, t.rate)
        }
        do {
            chain = try MarkovChain(stateCount: names.count, transitions: transitions)
        } catch {
            preconditionFailure("active/standby builder produced an invalid generator: \(error)")
        }
        stateNames = names.map(\.name)
        upStates = Set(names.indices.filter { names[$0].up })
        downStates = Set(names.indices.filter { !names[$0].up })
        initialState = index["2"]!
    }

    typealias Spec = (states: [(name: String, up: Bool)], transitions: [(from: String, to: String, rate: Double)])

    /// docs/models.md's five states. A covered failure with instantaneous switchover goes to `1`.
    private static func interchangeable(_ p: Parameters, delta: Double?) -> Spec {
        let (l, ls, mu, c, b) = (p.failureRate, p.standbyFailureRate, p.repairRate, p.coverage, p.manualRecoveryRate)
        let states = [("2", true), ("S", false), ("1", true), ("U", false), ("0", false)]
        let transitions: [(String, String, Double)] = [
            ("2", delta == nil ? "1" : "S", c * l), ("2", "1", ls), ("2", "U", (1 - c) * l),
            ("S", "2", mu), ("S", "1", delta ?? 0), ("S", "0", ls),
            ("1", "2", mu), ("1", "0", l),
            ("U", "2", mu), ("U", "1", b), ("U", "0", ls),
            ("0", "1", Double(p.crews) * mu),
        ]
        return (states.map { (name: $0.0, up: $0.1) }, transitions.map { (from: $0.0, to: $0.1, rate: $0.2) })
    }

    /// The nine states with failback (see the type's documentation).
    private static func withFailback(_ p: Parameters, delta: Double?, failback fb: Double) -> Spec {
        let (l, ls, mu, c, b) = (p.failureRate, p.standbyFailureRate, p.repairRate, p.coverage, p.manualRecoveryRate)
        let states = [
            ("2", true), ("S", false), ("U", false), ("1P", true), ("1B", true),
            ("FB", false), ("FB1", false), ("0P", false), ("0B", false),
        ]
        var transitions: [(String, String, Double)] = [
            ("2", delta == nil ? "1B" : "S", c * l), ("2", "U", (1 - c) * l), ("2", "1P", ls),
            ("S", "2", mu), ("S", "1B", delta ?? 0), ("S", "0P", ls),
            ("U", "2", mu), ("U", "1B", b), ("U", "0P", ls),
            ("1P", "2", mu), ("1P", "0B", l),
            ("1B", "FB", mu), ("1B", "0P", l),
            ("FB", "2", fb), ("FB", "1B", ls), ("FB", "FB1", l),
            ("FB1", "1P", fb), ("FB1", "0B", ls), ("FB1", "FB", mu),
        ]
        if p.crews == 1 {
            transitions += [("0P", "1P", mu), ("0B", "1B", mu)]
        } else {
            transitions += [("0P", "1P", mu), ("0P", "1B", mu), ("0B", "1P", mu), ("0B", "1B", mu)]
        }
        return (states.map { (name: $0.0, up: $0.1) }, transitions.map { (from: $0.0, to: $0.1, rate: $0.2) })
    }
}
