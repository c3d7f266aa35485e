import BudgetText

/// `budget help`: what each command is for, one line each.
enum Help {
    static func overview(_ language: Language) -> String {
        var out = Message(.overviewHead).text(language)
        let width = CommandRegistry.all.map { $0.spec.name.count }.max() ?? 0
        for command in CommandRegistry.all {
            out += "  " + command.spec.name + String(repeating: " ", count: width - command.spec.name.count + 2)
                + command.spec.summary.text(language) + "\n"
        }
        out += "  help" + String(repeating: " ", count: width - 2) + Message(.showThisOverviewOrCommand).text(language)  // not prose: the command's name
        return out
    }

    static let hintSuffix = Message(.seeBudgetHelp)

    static func unknownCommand(_ name: String) -> Message {
        let names = CommandRegistry.all.map(\.spec.name) + CommandRegistry.groups.sorted() + ["help"]
        let likely = Suggestion.likely(name, among: names)
        let hint = likely.isEmpty ? hintSuffix : Suggestion.hint(likely) { "`\($0)`" }
        return Message(.unknownCommand, name, hint)
    }

    /// `budget help project`: what each subcommand of a group does, its usage and its example.
    static func group(_ group: String, _ language: Language) -> String {
        var out = Message(.groupHead, group, subcommands(of: group)).text(language)
        for command in CommandRegistry.all where command.spec.name.hasPrefix(group + " ") {
            out += Message(.groupEntry, command.spec.summary, command.spec.usage, command.spec.example).text(language)
        }
        return out + Message(.nSeeBudgetHelpSUBCOMMANDFor, group).text(language)
    }

    static func subcommands(of group: String) -> Message {
        Message.list(CommandRegistry.all.map(\.spec.name).filter { $0.hasPrefix(group + " ") })
    }
}
