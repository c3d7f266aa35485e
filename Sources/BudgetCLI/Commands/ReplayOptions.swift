import BudgetModel
import BudgetProjections

/// --as-of and --at, shared by the commands that replay.
enum ReplayOptions {
    static let asOf = CommandSpec.Option(name: "as-of", value: "DATE", required: false, help: "replay events dated up to and including DATE")
    static let at = CommandSpec.Option(name: "at", value: "SEQ", required: false, help: "replay events up to and including event #SEQ")

    /// The seq given by --at, if any, before the journal is read.
    static func atSeq(_ arguments: ParsedArguments) throws(UsageError) -> Int64? {
        guard let text = arguments.options["at"] else { return nil }
        return try arguments.seq(text, "--at")
    }

    /// The point of replay, checked against the journal's head.
    static func point(_ arguments: ParsedArguments, headSeq: Int64) throws(UsageError) -> ReplayPoint {
        let asOf = try arguments.date("as-of")
        let atSeq = try atSeq(arguments)
        if let atSeq, atSeq > headSeq { throw UsageError("--at \(atSeq): the journal ends at #\(headSeq)") }
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
