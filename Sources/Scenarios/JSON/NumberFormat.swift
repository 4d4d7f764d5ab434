import Foundation

/// Number formatting that is the same on every machine and locale.
public enum NumberFormat {
    /// `%.{digits}g` with the C locale: 0.000123456789012345, 1.23e-12.
    public static func significant(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        // Lower-case the exponent: Foundation on Linux prints "E-05" where C prints "e-05".
        return String(format: "%.\(digits)g", locale: Locale(identifier: "en_US_POSIX"), x).lowercased()
    }
}
