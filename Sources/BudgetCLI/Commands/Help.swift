/// `budget help`: what each command is for, one line each.
enum Help {
    static var overview: String {
        var out = """
        budget — an event-sourced budget ledger for 项目支出绩效自评 (project performance self-evaluation)

        usage: budget [--journal PATH] COMMAND [ARGUMENTS…]
               budget help COMMAND     or     budget COMMAND --help

        The journal defaults to $BUDGET_JOURNAL, else ./budget.jsonl. Every change is appended as an
        immutable event; reports replay the journal to any date (--as-of) or event (--at).

        commands:

        """
        let width = CommandRegistry.all.map { $0.spec.name.count }.max() ?? 0
        for command in CommandRegistry.all {
            out += "  " + command.spec.name + String(repeating: " ", count: width - command.spec.name.count + 2) + command.spec.summary + "\n"
        }
        out += "  help" + String(repeating: " ", count: width - 2) + "Show this overview, or a command's usage with an example.\n"
        return out
    }

    static let hintSuffix = " (see `budget help`)"

    static func unknownCommand(_ name: String) -> String {
        let names = CommandRegistry.all.map(\.spec.name) + ["help"]
        let likely = Suggestion.likely(name, among: names)
        let hint = likely.isEmpty ? hintSuffix : Suggestion.hint(likely) { "`\($0)`" }
        return "unknown command '\(name)'\(hint)"
    }

    /// `budget help project`: what each subcommand of a group does, its usage and its example.
    static func group(_ group: String) -> String {
        var out = "budget \(group): \(subcommands(of: group))\n"
        for command in CommandRegistry.all where command.spec.name.hasPrefix(group + " ") {
            out += "\n\(command.spec.summary)\n  usage:   \(command.spec.usage)\n  example: \(command.spec.example)\n"
        }
        return out + "\nSee `budget help \(group) SUBCOMMAND` for every option.\n"
    }

    static func subcommands(of group: String) -> String {
        CommandRegistry.all.map(\.spec.name).filter { $0.hasPrefix(group + " ") }.joined(separator: ", ")
    }
}
