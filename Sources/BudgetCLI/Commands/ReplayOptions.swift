import BudgetModel
import BudgetProjections
import BudgetStore

/// --as-of and --at, shared by the commands that replay.
enum ReplayOptions {
    static let asOf = CommandSpec.Option(name: "as-of", value: "DATE", required: false, help: "replay events dated up to and including DATE")
    static let at = CommandSpec.Option(name: "at", value: "SEQ", required: false, help: "replay events up to and including event #SEQ")

    /// The seq given by --at, if any.
    static func atSeq(_ arguments: ParsedArguments) throws(UsageError) -> Int64? {
        guard let text = arguments.options["at"] else { return nil }
        return try arguments.seq(text, "--at")
    }

    /// The point of replay the options ask for, before the journal is read.
    static func point(_ arguments: ParsedArguments) throws(UsageError) -> ReplayPoint {
        ReplayPoint(asOf: try arguments.date("as-of"), atSeq: try atSeq(arguments))
    }

    /// What the options and the projects named must agree with in the journal as read: --at
    /// names an event it holds, and every project is registered. A well-formed id that the
    /// journal does not know is refused like any other unknown project (status 1), not treated
    /// as a usage error.
    static func confirm(_ point: ReplayPoint, projects: [String] = [], in source: ReplaySource) throws {
        if let atSeq = point.atSeq, atSeq > source.head.seq { throw UsageError("--at \(atSeq): the journal ends at #\(source.head.seq)") }
        for project in projects {
            if let problem = Identifier.problem(with: project) { throw UsageError("ID '\(project)' \(problem)") }
            guard source.book.registration(of: project) != nil else { throw Rejection("unknown project '\(project)'") }
        }
    }

    /// Replays the journal's figures into `fold` to the point the options ask for, and confirms
    /// them: of the projects named only, when some are (a checkpoint then serves their parts alone).
    static func replay<Fold: LedgerFold>(_ fold: inout Fold, _ arguments: ParsedArguments, _ context: CommandContext,
                                         projects: [String] = []) throws {
        try replay(&fold, to: point(arguments), context, projects: projects)
    }

    static func replay<Fold: LedgerFold>(_ fold: inout Fold, to point: ReplayPoint, _ context: CommandContext, projects: [String] = []) throws {
        try confirm(point, projects: projects, in: context.store.replay(&fold, to: point, projects: projects.isEmpty ? nil : Set(projects)))
    }
}
