import CGSL

/// Does an empirical estimate agree with the analytic value? (docs/models.md)
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// The analytic value lies inside an interval tight enough to mean something.
    case agrees
    /// The analytic value lies outside the interval.
    case disagrees
    /// The interval contains the analytic value but is too wide to tell.
    case inconclusive
}

/// An interval as a verdict judges it: any shape inside the metric's range, at a stated level,
/// built by a named method from a stated amount of evidence.
public struct IntervalEstimate: Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// The confidence level it was built at.
    public var level: Double
    /// How it was built, in words ("regenerative ratio over 412 outage cycles").
    public var method: String
    /// The independent observations its width shrinks with as 1/√n: outages, cycles, replications.
    public var evidence: Int
    /// What `evidence` counts, plural: "outages", "replications".
    public var evidenceNoun: String

    public init(estimate: Double, lower: Double, upper: Double, level: Double, method: String, evidence: Int, evidenceNoun: String) {
        precondition(lower <= estimate && estimate <= upper, "interval [\(lower), \(upper)] misses its estimate \(estimate)")
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
        self.evidence = evidence
        self.evidenceNoun = evidenceNoun
    }

    /// The mirror `1 − x` of a fraction: availability from unavailability, ends swapped.
    public var complement: IntervalEstimate {
        IntervalEstimate(
            estimate: 1 - estimate, lower: 1 - upper, upper: 1 - lower, level: level, method: method,
            evidence: evidence, evidenceNoun: evidenceNoun)
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// A verdict with the reason it is not "agrees".
public struct Judgement: Sendable, Equatable {
    public var verdict: Verdict
    /// Why the verdict is inconclusive or disagrees, and for an inconclusive one what would settle
    /// it ("saw 3 outages (±80%); about 300 needed for ±25%, ≈ 100× the simulated time"). Nil for agrees.
    public var reason: String?
}

/// How verdicts are reached for a family of comparisons.
///
/// With `m` comparisons at family confidence `1 − α`, Bonferroni runs each at `1 − α/m`, so the
/// chance that *any* true agreement is called a disagreement stays at most α. `m` counts exactly
/// the distinct intervals that get a verdict (and the chi-square test, when it is made).
///
/// Tightness is judged on the small number: a fraction of time near 1 (an availability) is judged
/// by its complement (the unavailability), so availability and unavailability get the same verdict,
/// and "agrees" needs the interval's relative half-width on that small number to be at most
/// `relativePrecision`.
public struct VerdictPolicy: Sendable, Equatable {
    /// Family-wise confidence, e.g. 0.95.
    public let familyConfidence: Double
    /// The number of comparisons made together.
    public let comparisons: Int
    /// Largest relative half-width (of the small number's estimate) still called tight enough,
    /// e.g. 0.25 for ±25%.
    public let relativePrecision: Double

    public init(familyConfidence: Double = 0.95, comparisons: Int = 1, relativePrecision: Double = 0.25) {
        precondition(familyConfidence > 0 && familyConfidence < 1, "family confidence \(familyConfidence) outside (0, 1)")
        precondition(comparisons >= 1, "comparisons \(comparisons) < 1")
        precondition(relativePrecision > 0, "relative precision must be > 0")
        self.familyConfidence = familyConfidence
        self.comparisons = comparisons
        self.relativePrecision = relativePrecision
    }

    /// The confidence level each single interval must be built at: `1 − α/m`.
    public var perComparisonLevel: Double {
        1 - (1 - familyConfidence) / Double(comparisons)
    }

    /// The verdict for an interval built at ``perComparisonLevel``.
    ///
    /// A fraction (`isFraction`) whose analytic value is above ½ is judged on `1 − x`. Then: no
    /// evidence (no outage seen) ⇒ inconclusive; a zero-width interval off the model (every
    /// replication saw the same value) ⇒ inconclusive; the model outside ⇒ disagrees, whatever
    /// the width; inside, "agrees" only when the relative half-width is at most
    /// ``relativePrecision``, else inconclusive with the evidence that would be needed (the width
    /// shrinks as 1/√evidence).
    public func judge(analytic: Double, interval: IntervalEstimate, isFraction: Bool) -> Judgement {
        precondition(analytic.isFinite && interval.estimate.isFinite && interval.lower.isFinite && interval.upper.isFinite)
        precondition(
            abs(interval.level - perComparisonLevel) <= 1e-12,
            "interval level \(interval.level) is not the adjusted level \(perComparisonLevel)")
        let flip = isFraction && analytic > 0.5
        let small = flip ? interval.complement : interval
        let model = flip ? 1 - analytic : analytic
        guard interval.evidence > 0 else {
            return Judgement(verdict: .inconclusive, reason: "saw no \(interval.evidenceNoun); about \(needed(relative: .infinity, evidence: 0)) needed for ±\(percent(relativePrecision))")
        }
        if small.lower == small.upper && small.estimate != model {
            return Judgement(verdict: .inconclusive, reason: "every sample measured \(NumberText.format(small.estimate, significantDigits: 6)): no spread to judge by")
        }
        guard small.contains(model) else {
            return Judgement(verdict: .disagrees, reason: "the model lies outside the \(percent(interval.level)) interval")
        }
        let half = (small.upper - small.lower) / 2
        let relative = small.estimate > 0 ? half / small.estimate : (half == 0 && model == 0 ? 0 : .infinity)
        if relative <= relativePrecision { return Judgement(verdict: .agrees, reason: nil) }
        guard relative.isFinite else {
            return Judgement(verdict: .inconclusive, reason: "measured 0 (at most \(NumberText.format(small.upper, significantDigits: 3))): a small number never seen cannot be confirmed to ±\(percent(relativePrecision))")
        }
        let need = needed(relative: relative, evidence: interval.evidence)
        let factor = Double(need) / Double(interval.evidence)
        return Judgement(
            verdict: .inconclusive,
            reason: "saw \(interval.evidence) \(interval.evidenceNoun), ±\(percent(relative)); about \(need) needed "
                + "for ±\(percent(relativePrecision))" + (factor.isFinite ? ", ≈ \(NumberText.format(factor, significantDigits: 2))× the simulated time" : ""))
    }

    /// The evidence for a relative half-width of ``relativePrecision``: the width shrinks as 1/√n.
    /// With nothing seen yet, crude Monte Carlo's 2z²/ε² outages (docs/models.md: an exponential outage
    /// length doubles the Poisson count's variance).
    func needed(relative: Double, evidence: Int) -> Int {
        if evidence == 0 || !relative.isFinite {
            let z = ConfidenceInterval.normalQuantile(perComparisonLevel)
            return Int((2 * z * z / (relativePrecision * relativePrecision)).rounded(.up))
        }
        return Int((Double(evidence) * (relative / relativePrecision) * (relative / relativePrecision)).rounded(.up))
    }

    private func percent(_ x: Double) -> String { NumberText.format(x * 100, significantDigits: 3) + "%" }
}
