/// The results of `nines analyze`, as a readable table and as one JSON object with keys in a fixed
/// order. Pure: the executable only prints ``json`` or ``table``.
public struct AnalyzeReport: Sendable {
    /// One JSON object.
    public let json: String
    /// Aligned `name  value` lines.
    public let table: String

    init(rows: [(String, Double)], json: JSONObjectText) {
        let width = rows.map(\.0.count).max() ?? 0
        self.table = rows.map { $0.0.padding(width) + "  " + NumberText.format($0.1) }.joined(separator: "\n")
        self.json = json.text
    }

    /// `nines analyze binomial`: all up and `P(k down)` for k = 0…n.
    public static func binomial(count n: Int, downProbability p: Double) throws(ParameterError) -> AnalyzeReport {
        let model = try IndependentComponents(count: n, downProbability: p)
        let states = model.stateProbabilities
        var json = JSONObjectText()
        json.add("all_up", model.allUpProbability)
        json.add("states", states)
        let rows = [("all up", model.allUpProbability), ("any down", model.anyDownProbability)]
            + states.enumerated().map { ("P(\($0.offset) down)", $0.element) }
        return AnalyzeReport(rows: rows, json: json)
    }

    /// `nines analyze quorum`: at least `k` of `n` up.
    public static func quorum(count n: Int, downProbability p: Double, quorum k: Int) throws(ParameterError) -> AnalyzeReport {
        let model = try IndependentComponents(count: n, downProbability: p)
        _ = try ParameterCheck.integer(k, in: 1...n, name: "k (quorum)")
        var json = JSONObjectText()
        json.add("availability", model.availability(atLeast: k))
        json.add("unavailability", model.unavailability(atLeast: k))
        json.add("n", n)
        json.add("k", k)
        let rows = [
            ("availability", model.availability(atLeast: k)), ("unavailability", model.unavailability(atLeast: k)),
            ("n", Double(n)), ("k (at least up)", Double(k)),
        ]
        return AnalyzeReport(rows: rows, json: json)
    }

    /// `nines analyze standby`: steady state, MTTF, state probabilities, and with a horizon the
    /// transient and interval measures from state `2`.
    public static func standby(_ parameters: ActiveStandby.Parameters, horizon: Double?) throws -> AnalyzeReport {
        let model = try ActiveStandby(parameters)
        // GTH is the answer; the LU solve guards it (an absolute disagreement beyond 1e-9 would be
        // a bug of ours, reported rather than printed).
        let pi = try model.chain.checkedSteadyState(tolerance: 1e-9)
        var json = JSONObjectText()
        var rows: [(String, Double)] = []
        func add(_ key: String, _ label: String, _ value: Double) {
            json.add(key, value)
            rows.append((label, value))
        }
        // Each distribution is solved once and summed over the up and the down states.
        add("availability", "availability", model.sum(pi, over: model.upStates))
        add("unavailability", "unavailability", model.sum(pi, over: model.downStates))
        add("mttf", "MTTF from 2", try model.meanTimeToFailure())
        var states = JSONObjectText()
        for (name, p) in zip(model.stateNames, pi) {
            states.add(name, p)
            rows.append(("P(\(name))", p))
        }
        json.add("states", states)
        if let t = horizon {
            let start = model.chain.pointMass(at: model.initialState)
            let atT = try model.chain.transientDistribution(at: t, from: start, method: .uniformization)
            let over = try model.chain.intervalOccupancy(over: t, from: start, method: .uniformization)
            add("transient_availability", "A(\(NumberText.format(t)))", model.sum(atT, over: model.upStates))
            add("interval_availability", "A[0, \(NumberText.format(t))]", model.sum(over, over: model.upStates))
            add("transient_unavailability", "U(\(NumberText.format(t)))", model.sum(atT, over: model.downStates))
            add("interval_unavailability", "U[0, \(NumberText.format(t))]", model.sum(over, over: model.downStates))
        }
        return AnalyzeReport(rows: rows, json: json)
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
