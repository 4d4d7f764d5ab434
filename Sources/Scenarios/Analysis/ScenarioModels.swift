/// The analytic models a scenario implies, computed without simulating (`nines analyze SCENARIO`).
public struct ScenarioModels: Sendable {
    /// (metric, model, value), in report order.
    public let predictions: [(metric: String, model: String, value: Double)]
    /// P(k down), k = 0…n, for the scenario's failing group, if it has one.
    public let states: [Double]
    /// The model `states` comes from.
    public let stateModel: String?

    public init(scenario: Scenario) {
        let group = AnalyticPredictions.group(for: scenario)
        predictions = AnalyticPredictions.predictions(for: scenario, group: group, outcomes: [])
            .map { ($0.metric, $0.model, $0.value) }
        states = group?.states ?? []
        stateModel = group?.name
    }

    /// One JSON object: the predictions and the state distribution.
    public var json: String {
        JSONWriter.write(.object([
            ("models", .array(predictions.map { p in
                .object([("metric", .string(p.metric)), ("model", .string(p.model)), ("value", .number(p.value))])
            })),
            ("states", .array(states.map(JSONValue.number))),
            ("state_model", stateModel.map(JSONValue.string) ?? .null),
        ]))
    }

    /// A readable table.
    public var table: String {
        guard !predictions.isEmpty else { return "no analytic model applies (the scenario has no failure model)" }
        let width = predictions.map(\.metric.count).max() ?? 0
        var lines = predictions.map {
            $0.metric.padding(toLength: width) + "  " + NumberFormat.significant($0.value, digits: 12) + "  " + $0.model
        }
        if let stateModel {
            lines.append("")
            lines.append("P(k down), \(stateModel):")
            lines += states.enumerated().map { "  \($0.offset)  " + NumberFormat.significant($0.element, digits: 12) }
        }
        return lines.joined(separator: "\n")
    }
}
