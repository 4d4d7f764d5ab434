import ArgumentParser
import Foundation
import Scheduler

/// `nines workflow`: check Oozie workflow definitions (XML or JSON) before simulating them.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "Check and print workflow definitions (Oozie XML or JSON).",
        subcommands: [WorkflowValidateCommand.self, WorkflowShowCommand.self])

    /// Reads and validates one file; an unreadable file is reported like any other error.
    static func load(_ path: String) -> Result<ValidatedWorkflow, WorkflowErrors> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(WorkflowErrors([WorkflowError(file: path, node: nil, message: "cannot read the file")]))
        }
        return WorkflowLoader.load(data, file: path)
    }
}

/// `nines workflow validate FILE...`: exit 0 when every file is valid, 1 with every error otherwise.
struct WorkflowValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate workflow definitions; exit non-zero and list the errors if any is invalid.")

    @Argument(help: "Workflow files (.xml in Oozie's workflow-app format, or .json).") var files: [String]

    func run() throws {
        var invalid = 0
        for file in files {
            switch WorkflowCommand.load(file) {
            case .success(let workflow):
                print("\(file): valid (\(workflow.name), \(workflow.definition.nodes.count) nodes)")
            case .failure(let errors):
                invalid += 1
                var standardError = FileHandle.standardError
                print(errors.description, to: &standardError)
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}

/// `nines workflow show FILE`: the validated graph as text.
struct WorkflowShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a workflow's graph as text.")

    @Argument(help: "A workflow file (.xml or .json).") var file: String

    func run() throws {
        switch WorkflowCommand.load(file) {
        case .success(let workflow): print(workflow.text)
        case .failure(let errors):
            var standardError = FileHandle.standardError
            print(errors.description, to: &standardError)
            throw ExitCode(1)
        }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
