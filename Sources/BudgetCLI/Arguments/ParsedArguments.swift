import BudgetText

/// A usage error: the arguments do not fit the command. Exit status 2.
struct UsageError: Error, Equatable, CustomStringConvertible, Explained {
    let reason: Message
    init(_ reason: Message) { self.reason = reason }
    init(_ key: MessageKey, _ arguments: Any...) { reason = Message(key, arguments: arguments) }
    var explanation: Message { reason }
    /// The English text, as tests read it.
    var message: String { reason.description }
    var description: String { message }
}

/// The arguments of one command, checked against its spec.
struct ParsedArguments {
    let positionals: [String]
    let options: [String: String]

    /// Splits `tokens` (the words after the command's name) into positionals and options.
    /// A word that starts with `--` is an option and takes the next word as its value, whatever
    /// it looks like; any other word, including `-3.73万`, is a positional.
    init(_ tokens: [String], spec: CommandSpec) throws(UsageError) {
        var positionals: [String] = []
        var options: [String: String] = [:]
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard token.hasPrefix("--"), token.count > 2 else { positionals.append(token); continue }
            var name = String(token.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.option(name) else {
                let known = spec.options.map(\.name) + ["journal", "lang", "help"]
                let hint = Suggestion.hint(Suggestion.likely(name, among: known)) { "--" + $0 }
                throw UsageError(.unknownOptionForBudget, name, spec.name, hint)
            }
            if option.flag {
                guard value == nil else { throw UsageError(.takesNoValue, name) }
                value = ""
            } else if value == nil {
                guard index < tokens.count else { throw UsageError(.needsValue, name, option.value) }
                value = tokens[index]
                index += 1
            }
            guard options[name] == nil else { throw UsageError(.isGivenTwice, name) }
            options[name] = value
        }
        for option in spec.options where option.required && options[option.name] == nil {
            throw UsageError(.missingOptionUsage, option.name, option.value, spec.usage)
        }
        let required = spec.variadic ? spec.positionals.count - 1 : spec.positionals.count
        if positionals.count < required {
            throw UsageError(.missingArgumentUsage, spec.positionals[positionals.count], spec.usage)
        }
        if !spec.variadic && positionals.count > spec.positionals.count {
            throw UsageError(.unexpectedArgumentUsage, positionals[spec.positionals.count], spec.usage)
        }
        self.positionals = positionals
        self.options = options
    }
}
