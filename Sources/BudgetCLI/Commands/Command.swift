/// A command: its spec (and so its help), and what it does. `run` writes what it prints to the
/// context's output as it makes it.
struct Command {
    let spec: CommandSpec
    let run: (ParsedArguments, CommandContext) throws -> Void
}

/// Every command, in the order `budget help` lists them.
enum CommandRegistry {
    static let all: [Command] = [
        InitCommand.command, ProjectAddCommand.command, ProjectListCommand.command,
        ApproveCommand.command, AdjustCommand.command, PayCommand.command, RefundCommand.command, CarryoverCommand.command,
        ImportCommand.command,
        IndicatorAddCommand.command, IndicatorActualCommand.command, IndicatorScoreCommand.command, GoalCommand.command,
        ReverseCommand.command, AmendCommand.command, AnnotateCommand.command, CloseCommand.command, ReopenCommand.command, ReasonCommand.command, PolicySetCommand.command, PolicyShowCommand.command, SettingsSetCommand.command, DeclareCommand.command, FormCommand.command,
        ReportCommand.command, CurveCommand.command, TraceCommand.command, CheckCommand.command, LogCommand.command, ExportCommand.command,
        ClassesCommand.command, CompletionCommand.command,
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
