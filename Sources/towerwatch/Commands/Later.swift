import ArgumentParser

/// Subcommands of the console, the guard console, the simulator, replay and reports.
var extraSubcommands: [ParsableCommand.Type] { [Exercise.self, WhoAmI.self, AccountGroup.self, Setup.self] }
