import ArgumentParser

@main
struct Firmlink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmlink",
        abstract: "Connects a BaseLinker account with a Firmino-style invoicing and warehouse store.",
        subcommands: [
        ]
    )
}
