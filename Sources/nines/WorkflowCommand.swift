import ArgumentParser
import Foundation
import Scenarios
import Scheduler

/// `nines workflow`: check Oozie workflow definitions (XML or JSON) before simulating them.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "Check and print workflow definitions (Oozie XML or JSON).",
        subcommands: [WorkflowValidateCommand.self, WorkflowShowCommand.self])

    /// Reads and validates one file; an unreadable file is reported like any other error.
    static func load(_ path: String) -> Result<ValidatedWorkflow, WorkflowErrors> {
        read(path).flatMap { WorkflowLoader.load($0, file: path) }
    }

    static func read(_ path: String) -> Result<Data, WorkflowErrors> {
        do {
            return .success(Data(try InputFile.read(path, expected: "a definition file")))
        } catch {
            return .failure(WorkflowErrors([WorkflowError(file: path, node: nil, message: "cannot read the file: \(error.found)")]))
        }
    }

    /// Whether the file is an Oozie coordinator app rather than a workflow app.
    static func isCoordinator(_ data: Data) -> Bool { String(decoding: data, as: UTF8.self).contains("<coordinator-app") }

    /// Whether the file is an Oozie bundle app.
    static func isBundle(_ data: Data) -> Bool { String(decoding: data, as: UTF8.self).contains("<bundle-app") }

    /// A coordinator as one line of text.
    static func describe(_ spec: CoordinatorSpec) -> String {
        "coordinator \(spec.name): workflow \(spec.workflow) every \(spec.frequency) from \(spec.start) to \(spec.end), "
            + "concurrency \(spec.concurrency), \(spec.execution.rawValue), timeout \(spec.timeout.map { "\($0)" } ?? "never"), "
            + "inputs [\(spec.inputs.map { "\($0.dataset.name)\($0.instances)" }.joined(separator: ", "))], "
            + "outputs [\(spec.outputs.map(\.dataset.name).joined(separator: ", "))]"
    }
}

/// `nines workflow validate FILE...`: exit 0 when every file is valid, 2 (invalid input) with every error otherwise.
struct WorkflowValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate workflow definitions; exit non-zero and list the errors if any is invalid.")

    @Argument(help: "Workflow files (Oozie workflow-app or coordinator-app XML, or workflow JSON).") var files: [String]

    func run() throws {
        var invalid = 0
        for file in files {
            if case .success(let data) = WorkflowCommand.read(file), WorkflowCommand.isBundle(data) {
                switch BundleXML.parse(data, file: file) {
                case .success(let bundle): print("\(file): valid (bundle \(bundle.name), \(bundle.coordinators.count) coordinators)")
                case .failure(let errors):
                    invalid += 1
                    var standardError = FileHandle.standardError
                    print(errors.description, to: &standardError)
                }
                continue
            }
            if case .success(let data) = WorkflowCommand.read(file), WorkflowCommand.isCoordinator(data) {
                switch CoordinatorXML.parse(data, file: file) {
                case .success(let spec): print("\(file): valid (coordinator \(spec.name))")
                case .failure(let errors):
                    invalid += 1
                    var standardError = FileHandle.standardError
                    print(errors.description, to: &standardError)
                }
                continue
            }
            switch WorkflowCommand.load(file) {
            case .success(let workflow):
                print("\(file): valid (\(workflow.name), \(workflow.definition.nodes.count) nodes)")
            case .failure(let errors):
                invalid += 1
                var standardError = FileHandle.standardError
                print(errors.description, to: &standardError)
            }
        }
        if invalid > 0 { throw ExitCode.invalidInput }
    }
}

/// `nines workflow show FILE`: the validated graph as text.
struct WorkflowShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a workflow's graph as text.")

    @Argument(help: "A workflow file (.xml or .json).") var file: String

    func run() throws {
        if case .success(let data) = WorkflowCommand.read(file), WorkflowCommand.isCoordinator(data),
            case .success(let spec) = CoordinatorXML.parse(data, file: file)
        {
            return print(WorkflowCommand.describe(spec))
        }
        switch WorkflowCommand.load(file) {
        case .success(let workflow): print(workflow.text)
        case .failure(let errors):
            var standardError = FileHandle.standardError
            print(errors.description, to: &standardError)
            throw ExitCode.invalidInput
        }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
