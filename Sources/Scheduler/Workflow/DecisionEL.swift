/// Reads the few EL forms of Oozie decision cases that the simulator can evaluate.
///
/// `${true}`, `${false}`, `${x eq 'v'}`, `${x ne 'v'}`, `${x == "v"}`, `${x != "v"}`, with `x` a
/// variable name or `wf:conf('x')`, and the simulator's own `${nines:draw(0.25)}`, a seeded draw that
/// holds with the given probability. Anything else becomes ``DecisionPredicate/unsupported(expression:)``.
public enum DecisionEL {
    public static func predicate(_ text: String) -> DecisionPredicate {
        let expression = text.trimmed
        guard expression.hasPrefix("${"), expression.hasSuffix("}") else { return .unsupported(expression: expression) }
        let body = String(expression.dropFirst(2).dropLast()).trimmed
        if body == "true" { return .constant(true) }
        if body == "false" { return .constant(false) }
        if body.hasPrefix("nines:draw("), body.hasSuffix(")"), let p = Double(String(body.dropFirst(11).dropLast()).trimmed) {
            return .draw(probability: p)
        }
        for (op, negated) in [(" eq ", false), (" ne ", true), ("==", false), ("!=", true)] {
            guard let range = body.range(of: op) else { continue }
            let left = String(body[..<range.lowerBound]).trimmed
            let right = String(body[range.upperBound...]).trimmed
            guard let variable = variableName(left), let value = quoted(right) else { break }
            return negated ? .notEquals(variable: variable, value: value) : .equals(variable: variable, value: value)
        }
        return .unsupported(expression: expression)
    }

    static func variableName(_ text: String) -> String? {
        if text.hasPrefix("wf:conf("), text.hasSuffix(")") { return quoted(String(text.dropFirst(8).dropLast())) }
        let isIdentifier = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        return isIdentifier ? text : nil
    }

    static func quoted(_ text: String) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else { return nil }
        return String(text.dropFirst().dropLast())
    }
}
