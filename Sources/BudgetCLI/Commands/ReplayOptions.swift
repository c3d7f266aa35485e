import BudgetModel
import BudgetProjections

/// --as-of and --at, shared by the commands that replay.
enum ReplayOptions {
    static let asOf = CommandSpec.Option(name: "as-of", value: "DATE", required: false, help: "replay events dated up to and including DATE")
    static let at = CommandSpec.Option(name: "at", value: "SEQ", required: false, help: "replay events up to and including event #SEQ")

    static func point(_ arguments: ParsedArguments, book: LedgerBook) throws(UsageError) -> ReplayPoint {
        let asOf = try arguments.date("as-of")
        var atSeq: Int64?
        if let text = arguments.options["at"] {
            let seq = try arguments.seq(text, "--at")
            guard seq <= book.headSeq else { throw UsageError("--at \(seq): the journal ends at #\(book.headSeq)") }
            atSeq = seq
        }
        return ReplayPoint(asOf: asOf, atSeq: atSeq)
    }

    /// A well-formed id that the journal does not know is refused like any other unknown
    /// project (status 1), not treated as a usage error.
    static func requireKnown(_ projects: [String], in book: LedgerBook) throws {
        for project in projects {
            if let problem = Identifier.problem(with: project) { throw UsageError("ID '\(project)' \(problem)") }
            guard book.registration(of: project) != nil else { throw Rejection("unknown project '\(project)'") }
        }
    }
}
