import Simulation

/// Reads distributions of durations (`{"exponential": {"mean": "30d"}}`) and failure models.
enum DistributionReader {
    static let kinds = ["deterministic", "uniform", "exponential", "weibull", "lognormal", "empirical"]

    /// A distribution whose values are durations; the result draws seconds.
    static func distribution(_ r: ScenarioReader) throws(ScenarioError) -> Distribution {
        let example = "an object with one of " + kinds.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .object(let members) = r.value, members.count == 1 else {
            throw r.fail(example, hint: "e.g. {\"exponential\": {\"mean\": \"4h\"}}")
        }
        let kind = members[0].key
        guard kinds.contains(kind) else { throw r.unknownMember(kind, allowed: kinds) }
        let body = ScenarioReader(value: members[0].value, path: r.path + "." + kind, context: r.context)
        func seconds(_ key: String, _ fields: [String: ScenarioReader]) throws(ScenarioError) -> Double {
            guard let field = fields[key] else { throw body.fail("an object with \"\(key)\"") }
            return try field.duration(positive: key != "min", longest: nil).seconds
        }
        switch kind {
        case "deterministic":
            return .deterministic(try body.duration(positive: false, longest: nil).seconds)
        case "uniform":
            let f = try body.members(allowed: ["min", "max"])
            let (low, high) = (try seconds("min", f), try seconds("max", f))
            guard high >= low else { throw f["max"]!.fail("a maximum ≥ the minimum") }
            return .uniform(min: low, max: high)
        case "exponential":
            return .exponential(mean: try seconds("mean", try body.members(allowed: ["mean"])))
        case "weibull":
            let f = try body.members(allowed: ["shape", "scale", "mean"])
            guard let shape = f["shape"] else { throw body.fail("an object with \"shape\" and \"scale\" or \"mean\"") }
            let k = try shape.number(0.1...100, "a shape in [0.1, 100]")
            if f["mean"] != nil { return .weibull(shape: k, mean: try seconds("mean", f)) }
            return .weibull(shape: k, scale: try seconds("scale", f))
        case "lognormal":
            let f = try body.members(allowed: ["mean", "cv"])
            guard let cv = f["cv"] else { throw body.fail("an object with \"mean\" and \"cv\"") }
            return .lognormal(mean: try seconds("mean", f), cv: try cv.number(1e-6...100, "a coefficient of variation > 0"))
        default:
            let samples = try body.elements().map { (e) throws(ScenarioError) in try e.duration(positive: false, longest: nil).seconds }
            guard !samples.isEmpty, samples.count <= 10_000 else { throw body.fail("an array of 1 to 10000 durations") }
            return .empirical(samples)
        }
    }

    /// `{"ttf": …, "ttr": …, "repair_crews": r, "mode": "process" | "host"}` or, instead of
    /// `mode`, `"silent_share": s`: the probability that a failure is a silent host crash.
    static func failureModel(_ r: ScenarioReader, maxCrews: Int) throws(ScenarioError) -> FailureModel {
        let m = try r.members(allowed: ["ttf", "ttr", "repair_crews", "mode", "silent_share"])
        guard let ttf = m["ttf"], let ttr = m["ttr"] else {
            throw r.fail("an object with \"ttf\" and \"ttr\" distributions")
        }
        var crashModes = CrashModeMix.host
        if let mode = m["mode"] {
            if let share = m["silent_share"] {
                throw share.fail("\"mode\" or \"silent_share\", not both", hint: "\"mode\": \"host\" is \"silent_share\": 1")
            }
            crashModes = try mode.choice([("process", CrashModeMix.process), ("host", CrashModeMix.host)])
        } else if let share = m["silent_share"] {
            crashModes = CrashModeMix(silentShare: try share.probability())
        }
        let model = FailureModel(
            timeToFailure: try distribution(ttf), timeToRepair: try distribution(ttr),
            repairCrews: try m["repair_crews"]?.integer(min: 1, max: maxCrews), crashModes: crashModes)
        // A failure and its repair that take no time would repeat forever at one instant.
        guard model.timeToFailure.mean >= ScenarioReader.shortestInterval.seconds else {
            throw ttf.fail("a time to failure with a mean of at least \(ScenarioReader.shortestInterval)",
                           hint: "a component that fails at once after every repair never lets time advance")
        }
        return model
    }
}
