import BudgetText
import BudgetJournal
import BudgetProjections
import BudgetStore
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// What a run of `budget` produced.
public struct CommandResult: Equatable, Sendable {
    public let status: Int32
    /// What the command printed, when it was collected rather than written through.
    public let stdout: String
    public let stderr: String
}

/// The `budget` command line: parses the arguments, wires the layers together, and turns every
/// error into one line on stderr and a non-zero status. Exit status: 0 success, 1 refused or
/// damaged (the journal is unchanged) or, for `check`, a cross-check failed, 2 a usage error.
public enum BudgetCommandLine {
    /// `progress` draws a progress bar for long commands (`import`); pass one only when stderr is a terminal.
    /// `terminal` says that stdout is a terminal: only then, and only when the environment has no
    /// `NO_COLOR` (set to anything) and `TERM` is not `dumb`, is output coloured. With
    /// `stdoutDescriptor`, output is written there as it is made (held up to a megabyte at a
    /// time), and `stdout` in the result is empty; without it, output is collected.
    public static func run(_ arguments: [String], environment: [String: String] = [:], progress: Progress? = nil,
                           terminal: Bool = false, stdoutDescriptor: Int32? = nil) -> CommandResult {
        let output = stdoutDescriptor.map { Output(fd: $0) } ?? Output()
        let language = GlobalArguments.language(arguments, environment: environment)
        let notices = Notices(language: language)
        func result(_ status: Int32, _ stdout: String, _ errors: [Message] = []) -> CommandResult {
            let said = errors.map { Message(.budgetErrorN, $0).text(language) }.joined()
            return CommandResult(status: status, stdout: stdout, stderr: notices.lines + said)
        }
        do {
            try dispatch(arguments, environment: environment, language: language, output: output, notices: notices,
                         progress: progress, terminal: terminal)
            return result(0, output.finish())
        } catch let failed as ImportFailed {
            output.discard()
            // Each bad row on its own line, so that all of them can be fixed in one go.
            let count = failed.problems.count + failed.unlisted
            return result(1, "", failed.problems.map(\.explanation) + Message.notListed(failed.unlisted)
                          + [Message(.nothingImportedProblems, count, count == 1 ? "" : "s")])
        } catch let found as ViolationsFound {
            output.discard()
            return result(1, "", found.lines)
        } catch is ChecksFailed {
            return result(1, output.finish())
        } catch let error as UsageError {
            output.discard()
            return result(2, "", [error.explanation])
        } catch let error as Explained {
            output.discard()
            return result(1, "", [error.explanation])
        } catch {
            output.discard()
            return result(1, "", [Message(verbatim: "\(error)")])
        }
    }

    static func dispatch(_ arguments: [String], environment: [String: String], language: Language, output: Output, notices: Notices,
                         progress: Progress?, terminal: Bool) throws {
        let global = try GlobalArguments(arguments)
        guard let name = global.commandName else {
            guard global.wantsHelp else { throw UsageError(Message(.noCommandGiven) + Help.hintSuffix) }
            return output.write(Help.overview(language))
        }
        if name == "help" {
            let topic = global.rest.joined(separator: " ")
            guard !topic.isEmpty else { return output.write(Help.overview(language)) }
            if CommandRegistry.groups.contains(topic) { return output.write(Help.group(topic, language)) }
            guard let command = CommandRegistry.find(topic) else { throw UsageError(Help.unknownCommand(topic)) }
            return output.write(command.spec.help(language))
        }
        guard let command = CommandRegistry.find(name) else { throw UsageError(Help.unknownCommand(name)) }
        if global.wantsHelp { return output.write(command.spec.help(language)) }
        let parsed = try ParsedArguments(global.rest, spec: command.spec)
        let path = global.journalPath ?? environment["BUDGET_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 } ?? "budget.jsonl"
        // BUDGET_CHECKPOINT_MIN_BYTES tunes the size from which a journal gets a checkpoint.
        let checkpointMin = environment["BUDGET_CHECKPOINT_MIN_BYTES"].flatMap { Int64($0) }.map { max(0, $0) } ?? Checkpoint.journalBytesMin
        let keys = CheckpointKeyring(directory: stateDirectory(environment))
        // A checkpoint a read leaves is written while the command goes on, and waited for here,
        // before the command's result (and what the writing noticed) is handed back.
        let checkpointWrites = CheckpointWrites()
        defer { checkpointWrites.waitForAll() }
        let store = LedgerStore(journal: JournalFile(path: path, checkpointBytesMin: checkpointMin, checkpointKeys: keys,
                                                     checkpointWrites: checkpointWrites, notice: { notices.add($0) }))
        var context = CommandContext(store: store, environment: environment, output: output, progress: progress)
        context.language = language
        context.colour = wantsColour(terminal: terminal, environment: environment)
        context.terminalWidth = terminalWidth(terminal: terminal, environment: environment)
        try command.run(parsed, context)
    }
}

/// Where the user's own state is kept (the key their checkpoints are authenticated with):
/// $BUDGET_STATE_DIR, else $XDG_STATE_HOME/budget, else ~/.local/state/budget.
func stateDirectory(_ environment: [String: String]) -> String {
    func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    if let explicit = set("BUDGET_STATE_DIR") { return explicit }
    if let state = set("XDG_STATE_HOME") { return state + "/budget" }
    let home = set("HOME") ?? getpwuid(geteuid()).map { String(cString: $0.pointee.pw_dir) } ?? "/"
    return home + "/.local/state/budget"
}

extension Message {
    /// "… and N more problems, not listed", after a list cut short; nothing when none were left out.
    static func notListed(_ count: Int) -> [Message] {
        count > 0 ? [Message(.moreProblemsNotListed, count, count == 1 ? "" : "s")] : []
    }
}

/// What the store noticed and did on its own (a refused checkpoint set aside), said on stderr as
/// warnings: the command itself went on.
final class Notices: @unchecked Sendable {
    private var said: [Message] = []
    let language: Language
    /// Notices come from the store's reading threads as well as this one.
    private let serial = DispatchQueue(label: "budget.notices")

    init(language: Language) { self.language = language }

    func add(_ notice: Message) { serial.sync { said.append(notice) } }

    var lines: String { serial.sync { said.map { Message(.budgetWarningN, $0).text(language) }.joined() } }
}

/// The width tables fit, when stdout is a terminal: `COLUMNS` when set, else the tty's own; nil
/// for a pipe or a file, which get the full lines.
func terminalWidth(terminal: Bool, environment: [String: String]) -> Int? {
    guard terminal else { return nil }
    if let text = environment["COLUMNS"], let columns = Int(text), columns >= 20 { return min(columns, 1000) }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return nil }
    return Int(size.ws_col)
}

/// Colour only for a person at a terminal who has not asked for none (https://no-color.org; any
/// value of NO_COLOR, even an empty one, turns it off here).
func wantsColour(terminal: Bool, environment: [String: String]) -> Bool {
    terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
}

/// `budget check` found failures: its report went to stdout as usual, and the status is 1, so
/// a script can both read the findings and stop on them.
struct ChecksFailed: Error {}
