import BudgetText

/// What a command accepts, and the help that says so. The help lives beside the parsing it
/// describes, so the two cannot drift apart.
struct CommandSpec {
    struct Option {
        let name: String          // without the dashes
        let value: String         // the placeholder in help, e.g. "DATE"
        let required: Bool
        let help: Message
        /// A switch (`report --behind`): it takes no value, and so does not swallow the next word.
        var flag = false
        /// The values the option accepts, when they are a closed set: offered by `budget completion`.
        var choices: [String] = []
    }

    /// "pay", or "project add".
    let name: String
    let summary: Message
    /// Placeholders of positional arguments, e.g. ["ID", "AMOUNT"].
    let positionals: [String]
    /// Whether the last positional may repeat (`report [ID…]`), and may be absent.
    var variadic = false
    let options: [Option]
    let example: String
    /// More to say after the usage, if anything.
    var details: Message = ""

    func option(_ name: String) -> Option? { options.first { $0.name == name } }

    var usage: String {
        var parts = ["budget", name] + positionals.enumerated().map { index, placeholder in
            variadic && index == positionals.count - 1 ? "[\(placeholder)…]" : placeholder
        }
        for option in options {
            let text = option.flag ? "--\(option.name)" : "--\(option.name) \(option.value)"
            parts.append(option.required ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    static let journalOption = Option(name: "journal", value: "PATH", required: false,
                                      help: Message(.journalDefaultBUDGETJOURNALElse))

    static let langOption = Option(name: "lang", value: "zh|en", required: false, help: Message(.langOptionHelp))

    /// The help in `language`: the command's name, options and example stay as typed.
    func help(_ language: Language) -> String {
        func label(_ key: MessageKey) -> String { Message(key).text(language) }
        var out = summary.text(language) + "\n\n" + Message(.usageLine, usage).text(language) + "\n\n" + label(.optionsLabel) + "\n"
        let listed = options + [Self.journalOption, Self.langOption, Option(name: "help", value: "", required: false, help: Message(.showThisHelp))]
        let width = listed.map { $0.name.count + $0.value.count + 3 }.max() ?? 0
        for option in listed {
            let left = option.flag || option.value.isEmpty ? "--\(option.name)" : "--\(option.name) \(option.value)"
            out += "  " + left + String(repeating: " ", count: width - left.count + 2) + option.help.text(language) + "\n"
        }
        if !details.isEmpty { out += "\n" + details.text(language) + "\n" }
        out += "\n" + label(.exampleLabel) + "\n  \(example)\n"
        return out
    }
}
