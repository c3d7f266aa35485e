/// A command: its spec (and so its help), and what it does. `run` returns what goes to stdout.
struct Command {
    let spec: CommandSpec
    let run: (ParsedArguments, CommandContext) throws -> String
}

/// Every command, in the order `budget help` lists them.
enum CommandRegistry {
    static let all: [Command] = [
        InitCommand.command, ProjectCommands.add, ProjectCommands.list,
        MoneyCommands.approve, MoneyCommands.adjust, MoneyCommands.pay, MoneyCommands.refund, MoneyCommands.carryover,
        ImportCommand.command,
        IndicatorCommands.add, IndicatorCommands.actual, IndicatorCommands.score, GoalCommand.command,
        ReverseCommand.command, PolicyCommands.set, PolicyCommands.show, DeclareCommand.command, FormCommand.command,
        ReportCommand.command, CurveCommand.command, TraceCommand.command, CheckCommand.command, LogCommand.command, ExportCommand.command,
        CompletionCommand.command,
        VerifyCommand.command, RepairCommand.command,
    ]

    static func find(_ name: String) -> Command? { all.first { $0.spec.name == name } }

    /// Options that are switches in some command (`--behind`): they take no value.
    static var flagNames: Set<String> {
        Set(all.flatMap(\.spec.options).filter(\.flag).map(\.name))
    }

    /// Names that take a second word: `project add`, `indicator score`.
    static var groups: Set<String> {
        Set(all.compactMap { $0.spec.name.split(separator: " ").count == 2 ? String($0.spec.name.split(separator: " ")[0]) : nil })
    }
}
