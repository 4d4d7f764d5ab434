/// A seeded stream of random numbers: xoshiro256** seeded through SplitMix64.
///
/// Every draw in a simulation comes from a stream derived from the scenario seed and the name of
/// the component that draws (``StreamSeed/derive(_:_:)``), so adding a node or a link leaves the
/// draws of every other component unchanged. The generator is pure integer arithmetic: the same
/// seed gives the same numbers on every machine. Not thread-safe; each component owns its stream.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A stream seeded from one 64-bit value (any value, 0 included).
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// A stream for the component a derived seed names.
    public init(_ seed: StreamSeed) { self.init(seed: seed.value) }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform draw in (0, 1]: safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double { Double((next() >> 11) &+ 1) * 0x1p-53 }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// True with probability `p`.
    @inlinable
    public mutating func bernoulli(_ p: Double) -> Bool { p > 0 && nextUnit() < p }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}

/// SplitMix64, used to expand seeds and to mix derived seeds.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A seed for one component's stream, derived from the run's seed by a path of names and indices.
///
/// Derivation hashes the label's UTF-8 bytes (FNV-1a, not Swift's per-process `Hasher`), so the
/// same path gives the same seed in every process.
public struct StreamSeed: Hashable, Sendable {
    /// The 64-bit seed.
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value }

    /// The seed of a sub-component, e.g. `root.derive("host", 3)` or `root.derive("link", 0).derive("to", 2)`.
    public func derive(_ label: String, _ index: Int = 0) -> StreamSeed {
        var mixer = SplitMix64(state: value ^ StableHash.fnv1a(label))
        _ = mixer.next()
        mixer.state ^= UInt64(bitPattern: Int64(index)) &* 0xD6E8_FEB8_6659_FD93
        return StreamSeed(mixer.next())
    }

    /// The stream this seed starts.
    public var stream: RandomStream { RandomStream(self) }
}

/// Hashes that are the same in every process (Swift's `Hasher` is seeded per process).
public enum StableHash {
    /// 64-bit FNV-1a of a string's UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
