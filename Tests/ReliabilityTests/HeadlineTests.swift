import Testing
@testable import Reliability

@Suite struct HeadlineTests {
    /// U = 1e-4 ± a factor: 4 nines, 52.596 min/year (365.25 d), 4.32 min/30 days; the ends swap
    /// when going to nines.
    @Test func ninesAndDowntimeFollowFromTheUnavailability() {
        let h = Headline(
            metric: "service_availability", unavailability: 1e-4, lower: 5e-5, upper: 2e-4, confidence: 0.95,
            method: "test", outages: 12, observedSeconds: 86_400 * 90)
        expectClose(h.nines!, 4, relative: 1e-12)
        expectClose(h.ninesInterval.lower!, 3.69897, relative: 1e-5)
        expectClose(h.ninesInterval.upper!, 4.30103, relative: 1e-5)
        expectClose(h.downtimeMinutesPerYear, 52.596, relative: 1e-12)
        expectClose(h.downtimeMinutesPer30Days, 4.32, relative: 1e-12)
        expectClose(h.downtimeMinutesPerYearInterval.upper!, 105.192, relative: 1e-12)
        #expect(!h.noOutageObserved)
        #expect(h.text.hasPrefix("service availability 0.9999: U = 0.0001 [5e-05 … 0.0002] (95%, test); 4 nines [3.7 … 4.3]"), "\(h.text)")
    }

    /// No outage: U = 0, an upper bound, at least so many nines; never "∞" or "inf".
    @Test func noOutageGivesAnUpperBoundNeverInfiniteNines() {
        let bound = Headline.noOutageUpperBound(observedSeconds: 1_000_000, meanOutageSeconds: 10, level: 0.95)
        expectClose(bound, 3.688879454 * 10 / 1_000_000, relative: 1e-9)
        let h = Headline(
            metric: "service_availability", unavailability: 0, lower: 0, upper: bound, confidence: 0.95,
            method: "bound", outages: 0, observedSeconds: 1_000_000)
        #expect(h.noOutageObserved && h.nines == nil && h.ninesInterval.upper == nil)
        expectClose(h.ninesInterval.lower!, 4.433, relative: 1e-3)
        #expect(h.text.contains("no outage observed") && h.text.contains("U ≤ 3.69e-05") && h.text.contains("at least 4.43 nines"), "\(h.text)")
        #expect(!h.text.contains("∞") && !h.text.contains("inf"))
    }

    @Test func levelTextSaysWhetherItIsFamilyWise() {
        #expect(Headline.percent(0.95) == "95%" && Headline.percent(0.995) == "99.5%")
        let h = Headline(
            metric: "m", unavailability: 0.5, lower: 0.4, upper: 0.6, confidence: 0.99, familyAdjusted: true,
            method: "x", outages: 3, observedSeconds: 10)
        #expect(h.levelText == "99% family-wise")
    }

    /// An interval reaching U = 1 (always down) ends at 0 nines, printed "0", never "-0".
    @Test func anIntervalReachingAlwaysDownEndsAtZeroNines() {
        let h = Headline(
            metric: "m", unavailability: 0.6, lower: 0.2, upper: 1, confidence: 0.95,
            method: "x", outages: 2, observedSeconds: 100)
        #expect(h.ninesInterval.lower == 0 && h.ninesInterval.lower!.sign == .plus)
        #expect(h.text.contains("[0 … ") && !h.text.contains("-0"), "\(h.text)")
    }
}
