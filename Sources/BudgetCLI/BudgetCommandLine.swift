import BudgetJournal
import BudgetProjections

/// What a run of `budget` produced.
public struct CommandResult: Equatable, Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// The `budget` command line: parses the arguments, wires the layers together, and turns every
/// error into one line on stderr and a non-zero status. Exit status: 0 success, 1 refused or
/// damaged (the journal is unchanged) or, for `check`, a cross-check failed, 2 a usage error.
public enum BudgetCommandLine {
    /// `progress` draws a progress bar for long commands (`import`); pass one only when stderr is a terminal.
    /// `terminal` says that stdout is a terminal: only then, and only when the environment has no
    /// `NO_COLOR` (set to anything) and `TERM` is not `dumb`, is output coloured.
    public static func run(_ arguments: [String], environment: [String: String] = [:], progress: Progress? = nil,
                           terminal: Bool = false) -> CommandResult {
        do {
            return try dispatch(arguments, environment: environment, progress: progress, terminal: terminal)
        } catch let failed as ImportFailed {
            // Each bad row on its own line, so that all of them can be fixed in one go.
            let lines = failed.problems.map { "budget: error: \($0)\n" }.joined()
            return CommandResult(status: 1, stdout: "", stderr: lines + "budget: error: nothing imported: \(failed.problems.count) problem\(failed.problems.count == 1 ? "" : "s")\n")
        } catch let failed as ChecksFailed {
            return CommandResult(status: 1, stdout: failed.stdout, stderr: "")
        } catch let error as UsageError {
            return CommandResult(status: 2, stdout: "", stderr: "budget: error: \(error.message)\n")
        } catch let error as Rejection {
            return CommandResult(status: 1, stdout: "", stderr: "budget: error: \(error.message)\n")
        } catch let error as JournalError {
            return CommandResult(status: 1, stdout: "", stderr: "budget: error: \(error)\n")
        } catch {
            return CommandResult(status: 1, stdout: "", stderr: "budget: error: \(error)\n")
        }
    }

    static func dispatch(_ arguments: [String], environment: [String: String], progress: Progress? = nil, terminal: Bool = false) throws -> CommandResult {
        let global = try GlobalArguments(arguments)
        guard let name = global.commandName else {
            guard global.wantsHelp else { throw UsageError("no command given" + Help.hintSuffix) }
            return CommandResult(status: 0, stdout: Help.overview, stderr: "")
        }
        if name == "help" {
            let topic = global.rest.joined(separator: " ")
            guard !topic.isEmpty else { return CommandResult(status: 0, stdout: Help.overview, stderr: "") }
            if CommandRegistry.groups.contains(topic) { return CommandResult(status: 0, stdout: Help.group(topic), stderr: "") }
            guard let command = CommandRegistry.find(topic) else { throw UsageError(Help.unknownCommand(topic)) }
            return CommandResult(status: 0, stdout: command.spec.help, stderr: "")
        }
        guard let command = CommandRegistry.find(name) else { throw UsageError(Help.unknownCommand(name)) }
        if global.wantsHelp { return CommandResult(status: 0, stdout: command.spec.help, stderr: "") }
        let parsed = try ParsedArguments(global.rest, spec: command.spec)
        let path = global.journalPath ?? environment["BUDGET_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 } ?? "budget.jsonl"
        // BUDGET_CHECKPOINT_MIN_BYTES tunes the size from which a journal gets a checkpoint.
        let checkpointMin = environment["BUDGET_CHECKPOINT_MIN_BYTES"].flatMap { Int64($0) }.map { max(0, $0) } ?? Checkpoint.journalBytesMin
        var context = CommandContext(journal: JournalFile(path: path, checkpointBytesMin: checkpointMin), environment: environment, progress: progress)
        context.colour = wantsColour(terminal: terminal, environment: environment)
        return CommandResult(status: 0, stdout: try command.run(parsed, context), stderr: "")
    }
}

/// Colour only for a person at a terminal who has not asked for none (https://no-color.org; any
/// value of NO_COLOR, even an empty one, turns it off here).
func wantsColour(terminal: Bool, environment: [String: String]) -> Bool {
    terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
}

/// `budget check` found failures: its report goes to stdout as usual, and the status is 1, so
/// a script can both read the findings and stop on them.
struct ChecksFailed: Error {
    let stdout: String
}
