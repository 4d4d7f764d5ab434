import Foundation
import Testing
@testable import Simulation

@Suite struct DistributionTests {
    /// Sample means over 200 000 draws; the tolerance is 5 standard errors of the mean.
    @Test(arguments: [
        Distribution.exponential(mean: 2), .uniform(min: 1, max: 3), .weibull(shape: 0.7, scale: 5),
        .weibull(shape: 2.5, mean: 4), .lognormal(mean: 3, cv: 0.5), .deterministic(1.25), .empirical([1, 2, 6]),
    ])
    func sampleMeanMatchesTheAnalyticMean(distribution: Distribution) {
        var stream = RandomStream(seed: 42)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let x = distribution.sample(&stream)
            #expect(x >= 0)
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(n)
        let standardError = ((sumSquares / Double(n) - mean * mean) / Double(n)).squareRoot()
        #expect(abs(mean - distribution.mean) <= 5 * standardError + 1e-12, "\(distribution): \(mean)")
    }

    @Test func weibullWithMeanHasThatMean() {
        #expect(abs(Distribution.weibull(shape: 1.7, mean: 10).mean - 10) < 1e-12)
    }

    @Test func sameSeedSameDrawsAndKnownFirstValues() {
        var a = RandomStream(seed: 7), b = RandomStream(seed: 7)
        let drawsA = (0..<5).map { _ in a.next() }
        #expect(drawsA == (0..<5).map { _ in b.next() })
        // Pinned values: a change here changes every recorded digest in the world.
        var c = RandomStream(seed: 0)
        #expect(c.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func derivedSeedsAreStableAndDistinct() {
        let root = StreamSeed(1)
        #expect(root.derive("host", 1) == StreamSeed(1).derive("host", 1))
        #expect(root.derive("host", 1) != root.derive("host", 2))
        #expect(root.derive("host", 1) != root.derive("link", 1))
        #expect(StableHash.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func nextIntIsUniformAndInRange() {
        var stream = RandomStream(seed: 3)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[stream.nextInt(below: 6)] += 1 }
        // Each count ~ Binomial(60000, 1/6): sd ≈ 91; allow 5 sd.
        for count in counts { #expect(abs(count - 10_000) < 460) }
    }

    @Test(arguments: [
        (Distribution.exponential(mean: -1), "exponential.mean"), (.exponential(mean: .nan), "exponential.mean"),
        (.weibull(shape: 0, scale: 1), "weibull.shape"), (.uniform(min: 2, max: 1), "uniform.max"),
        (.lognormal(mu: 0, sigma: -1), "lognormal.sigma"), (.deterministic(.infinity), "deterministic.value"),
        (.empirical([]), "empirical.samples"),
    ])
    func invalidParametersAreNamed(distribution: Distribution, parameter: String) {
        #expect { try distribution.validate() } throws: { ($0 as? DistributionError)?.parameter == parameter }
    }

    @Test func linkProbabilitiesAreValidated() {
        #expect(throws: DistributionError.self) { try LinkSettings(loss: 1.5).validate() }
        #expect(throws: DistributionError.self) { try LinkSettings(duplication: .nan).validate() }
        #expect(throws: Never.self) { try LinkSettings(loss: 0.1).validate() }
    }
}
