/// The words every command shares: `--journal PATH` (before or after the command), `--help`,
/// and the command's name, which is one word or, for `project` and `indicator`, two.
struct GlobalArguments {
    private(set) var journalPath: String?
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
                guard index < arguments.count else { throw UsageError("--journal needs a value (PATH)") }
                try setJournal(arguments[index])
                index += 1
            } else if word.hasPrefix("--journal=") {
                try setJournal(String(word.dropFirst("--journal=".count)))
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
            throw UsageError("unknown option \(first) before the command" + Help.hintSuffix)
        }
        if CommandRegistry.groups.contains(first) {
            guard words.count > 1 else {
                if wantsHelp { commandName = "help"; rest = [first]; return }
                throw UsageError("`budget \(first)` needs a subcommand: " + Help.subcommands(of: first))
            }
            commandName = "\(first) \(words[1])"
            rest = Array(words.dropFirst(2))
        } else {
            commandName = first
            rest = Array(words.dropFirst())
        }
    }

    private mutating func setJournal(_ path: String) throws(UsageError) {
        guard journalPath == nil else { throw UsageError("--journal is given twice") }
        guard !path.isEmpty else { throw UsageError("--journal needs a non-empty PATH") }
        journalPath = path
    }
}
