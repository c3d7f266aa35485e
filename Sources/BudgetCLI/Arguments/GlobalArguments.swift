import BudgetText

/// The words every command shares: `--journal PATH` (before or after the command), `--help`,
/// and the command's name, which is one word or, for `project` and `indicator`, two.
struct GlobalArguments {
    private(set) var journalPath: String?
    /// `--lang zh|en`, before or after the command: it outranks the locale.
    private(set) var language: Language?
    private(set) var wantsHelp = false
    private(set) var commandName: String?
    /// The command's own words, in order, with the global ones taken out.
    private(set) var rest: [String] = []

    init(_ arguments: [String]) throws(UsageError) {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--journal" {
                guard index < arguments.count else { throw UsageError(.journalNeedsValuePATH) }
                try setJournal(arguments[index])
                index += 1
            } else if word.hasPrefix("--journal=") {
                try setJournal(String(word.dropFirst("--journal=".count)))
            } else if word == "--lang" {
                guard index < arguments.count else { throw UsageError(.langNeedsValue) }
                try setLanguage(arguments[index])
                index += 1
            } else if word.hasPrefix("--lang=") {
                try setLanguage(String(word.dropFirst("--lang=".count)))
            } else if word == "--help" || word == "-h" {
                wantsHelp = true
            } else if word == "--" {
                words += arguments[index...]
                break
            } else if word.hasPrefix("--") && !word.contains("=") && index < arguments.count
                        && !CommandRegistry.flagNames.contains(String(word.dropFirst(2))) {
                // Every command option but a switch takes a value, and a value is data, whatever
                // it looks like: `--memo --help` records the memo "--help".
                words += [word, arguments[index]]
                index += 1
            } else {
                words.append(word)
            }
        }
        guard let first = words.first else { return }
        if first.hasPrefix("-") && !(first.first.map { _ in first.dropFirst().first?.isNumber ?? false } ?? false) {
            let known = ["journal", "lang", "help"]
            let likely = Suggestion.likely(String(first.drop { $0 == "-" }.prefix { $0 != "=" }), among: known)
            throw UsageError(Message(.unknownOptionBeforeCommand, first) + (likely.isEmpty ? Help.hintSuffix : Suggestion.hint(likely) { "--" + $0 }))
        }
        if CommandRegistry.groups.contains(first) {
            guard words.count > 1 else {
                if wantsHelp { commandName = "help"; rest = [first]; return }
                throw UsageError(.needsSubcommand, first, Help.subcommands(of: first))
            }
            commandName = "\(first) \(words[1])"
            rest = Array(words.dropFirst(2))
        } else {
            commandName = first
            rest = Array(words.dropFirst())
        }
    }

    private mutating func setLanguage(_ code: String) throws(UsageError) {
        guard language == nil else { throw UsageError(.langIsGivenTwice) }
        guard let chosen = Language(rawValue: code.lowercased()) else { throw UsageError(.langIsNotOneOf, code) }
        language = chosen
    }

    /// The language a command line asks for before its arguments are parsed, so that even an
    /// error in them is said in it: `--lang` when it is there and valid, else the locale's.
    static func language(_ arguments: [String], environment: [String: String]) -> Language {
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let word = arguments[index]
            if word == "--lang", index + 1 < arguments.count, let chosen = Language(rawValue: arguments[index + 1].lowercased()) { return chosen }
            if word.hasPrefix("--lang="), let chosen = Language(rawValue: String(word.dropFirst("--lang=".count)).lowercased()) { return chosen }
            // As the parse below: --help and -h take no value, any other option does.
            if word.hasPrefix("--") && word != "--help" && !word.contains("=") && !CommandRegistry.flagNames.contains(String(word.dropFirst(2))) { index += 1 }
            index += 1
        }
        return Language.chosen(option: nil, environment: environment) ?? .en
    }

    private mutating func setJournal(_ path: String) throws(UsageError) {
        guard journalPath == nil else { throw UsageError(.journalIsGivenTwice) }
        guard !path.isEmpty else { throw UsageError(.journalNeedsNonEmptyPATH) }
        journalPath = path
    }
}
