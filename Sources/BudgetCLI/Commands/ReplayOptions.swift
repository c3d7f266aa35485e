import BudgetText
import BudgetModel
import BudgetProjections
import BudgetStore

/// --as-of and --at, shared by the commands that replay.
enum ReplayOptions {
    static let asOf = CommandSpec.Option(name: "as-of", value: "DATE", required: false, help: Message(.replayEventsDatedUpTo))
    static let at = CommandSpec.Option(name: "at", value: "SEQ", required: false, help: Message(.replayEventsUpToAnd))
    static let knownAt = CommandSpec.Option(name: "known-at", value: "TIME", required: false,
                                            help: Message(.onlyEventsRecordedByTIME))

    /// --known-at as the UTC timestamp `recorded` is compared with. A date is the end of that day
    /// in China Standard Time, the users' day: 23:59:59 at UTC+8 is 15:59:59Z.
    static func knownAt(_ arguments: ParsedArguments) throws(UsageError) -> String? {
        guard let text = arguments.options["known-at"] else { return nil }
        if let date = BusinessDate(text) { return date.text + "T15:59:59Z" }
        let bytes = Array(text.utf8)
        let digitsAt = [11, 12, 14, 15, 17, 18]
        guard bytes.count == 20, digitsAt.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }),
              let date = BusinessDate(String(text.prefix(10))), bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = Int(text.dropFirst(11).prefix(2)), let minute = Int(text.dropFirst(14).prefix(2)), let second = Int(text.dropFirst(17).prefix(2)),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw UsageError(.knownAtIsNeitherUTC, text)
        }
        _ = date
        return text
    }

    /// The seq given by --at, if any.
    static func atSeq(_ arguments: ParsedArguments) throws(UsageError) -> Int64? {
        guard let text = arguments.options["at"] else { return nil }
        return try arguments.seq(text, "--at")
    }

    /// The point of replay the options ask for, before the journal is read.
    static func point(_ arguments: ParsedArguments) throws(UsageError) -> ReplayPoint {
        ReplayPoint(asOf: try arguments.date("as-of"), atSeq: try atSeq(arguments), knownAt: try knownAt(arguments))
    }

    /// What the options and the projects named must agree with in the journal as read: --at
    /// names an event it holds, and every project is registered. A well-formed id that the
    /// journal does not know is refused like any other unknown project (status 1), not treated
    /// as a usage error.
    static func confirm(_ point: ReplayPoint, projects: [String] = [], in source: ReplaySource) throws {
        if let atSeq = point.atSeq, atSeq > source.head.seq { throw UsageError(.atJournalEndsAt, atSeq, source.head.seq) }
        for project in projects {
            if let problem = Identifier.problem(with: project) { throw UsageError(.fieldValueProblem, "ID", project, problem) }
            guard source.book.registration(of: project) != nil else { throw Rejection(.unknownProject, project) }
        }
    }

    /// Replays the journal's figures into `fold` to the point the options ask for, and confirms
    /// them: of the projects named only, when some are (a checkpoint then serves their parts alone).
    static func replay<Fold: LedgerFold>(_ fold: inout Fold, _ arguments: ParsedArguments, _ context: CommandContext,
                                         projects: [String] = []) throws {
        try replay(&fold, to: point(arguments), context, projects: projects)
    }

    static func replay<Fold: LedgerFold>(_ fold: inout Fold, to point: ReplayPoint, _ context: CommandContext, projects: [String] = []) throws {
        if point.knownAt != nil { return try confirm(point, projects: projects, in: context.store.replayEveryEvent(&fold, to: point)) }
        try confirm(point, projects: projects, in: context.store.replay(&fold, to: point, projects: projects.isEmpty ? nil : Set(projects)))
    }
}
