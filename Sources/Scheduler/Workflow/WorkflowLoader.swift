import Foundation

/// Parses and validates a definition whose format is told by its content (`<` starts XML).
public enum WorkflowLoader {
    /// The validated workflow in `data`, read as XML or JSON; every error names `file`.
    public static func load(_ data: Data, file: String) -> Result<ValidatedWorkflow, WorkflowErrors> {
        parse(data, file: file).flatMap { WorkflowValidator.validate($0, file: file) }
    }

    /// The definition in `data`, unvalidated.
    public static func parse(_ data: Data, file: String) -> Result<WorkflowDefinition, WorkflowErrors> {
        isXML(data) ? WorkflowXML.parse(data, file: file) : WorkflowJSON.parse(data, file: file)
    }

    /// Whether `data` is XML rather than JSON: its first character after whitespace and a byte-order mark is `<`.
    public static func isXML(_ data: Data) -> Bool {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        return first == UInt8(ascii: "<")
    }
}
