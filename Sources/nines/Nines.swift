import ArgumentParser

@main
struct Nines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nines",
        abstract: "How many nines does this failover design really get, and does the math agree?",
        subcommands: [Bench.self])
}
