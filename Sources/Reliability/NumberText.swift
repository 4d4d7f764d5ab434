import CGSL  // stdio.h through gsl_math.h: snprintf

/// Locale-independent number text for tables and JSON, so outputs are byte-identical everywhere.
public enum NumberText {
    /// `value` with `%.15g` (15 significant digits; enough for every digit the models claim).
    /// Non-finite values become `inf`, `-inf` or `nan`; JSON callers must not pass them.
    public static func format(_ value: Double) -> String { format(value, significantDigits: 15) }

    /// `value` with `%.{significantDigits}g` (1…17 digits).
    public static func format(_ value: Double, significantDigits digits: Int) -> String {
        precondition((1...17).contains(digits), "significant digits \(digits) outside 1…17")
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        var buffer = [CChar](repeating: 0, count: 40)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { vsnprintf(pointer.baseAddress, 40, "%.\(digits)g", $0) }
        }
        precondition(count > 0 && count < 40)
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
