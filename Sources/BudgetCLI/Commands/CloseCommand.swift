import BudgetText
import BudgetModel
import BudgetProjections

/// `close`: 年终结账. Each project of the year states its closing figures, then the year is
/// sealed; all in one batch.
enum CloseCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "close", summary: Message(.closeFiscalYearStateEach),
            positionals: ["YEAR"],
            options: [.init(name: "date", value: "DATE", required: true, help: Message(.businessDateOfCloseYear)),
                      .init(name: "reason", value: "TEXT", required: false, help: Message(.closeReasonHelp)), CommonOptions.key],
            example: "budget close 2023 --date 2024-01-15 --reason 2023年度决算",
            details: Message(.closeDetails)),
        run: { arguments, context in
            let year = try yearArgument(arguments)
            let date = try arguments.requiredDate()
            let reason = try arguments.text("reason")
            let key = try arguments.identifierOption("id")
            var projection = LedgerProjection()
            let read = try context.store.replay(&projection)
            let projects = projection.order.compactMap { projection.projects[$0] }.filter { $0.registration.year == year }
            guard !projects.isEmpty else { throw Rejection(.noProjectOfToClose, year) }
            let drafts = projects.map { state in
                EventDraft(key: nil, date: date, body: .projectClosed(ProjectClose(
                    project: state.id, year: year, current: figures(state.funds[.current]), carryover: figures(state.funds[.carryover]),
                    other: figures(state.funds[.other]))))
            } + [EventDraft(key: key, date: date, body: .yearClosed(YearClose(year: year, projectCount: projects.count, reason: reason)))]
            let admissions = try context.store.recordBatch(recorded: try context.now(), about: []) { book, lookup in
                // A retry of a close recorded under this key asks only for the close again, which
                // is acknowledged.
                if let key, !(try lookup.events(withKey: key)).isEmpty { return [drafts.last!] }
                // The figures were read before the journal was locked: another write in between
                // would make them stale.
                guard book.headSeq == read.head.seq else {
                    throw Rejection(.journalChangedWhileWasBeing, year, read.head.seq, book.headSeq)
                }
                return drafts
            }
            guard case .append(let first)? = admissions.first, case .append(let last)? = admissions.last else {
                if case .alreadyRecorded(let event)? = admissions.last { return context.write(Message(.alreadyRecordedAsIdNothing, event.seq, event.id)) }
                return
            }
            var after = LedgerProjection()
            let head = try context.store.replay(&after, projects: []).head
            context.write(Message(.closedAsProjectOfSealed, year, first.seq, last.seq, projects.count, projects.count == 1 ? "" : "s", year))
            context.write(Message(.headPublishItBudgetVerify, head, head.seq))
            for state in projects where state.funds[.carryover].remaining.fen > 0 {
                context.write(Message(.ofLeftUnspentAtEnd, state.id, state.funds[.carryover].remaining.groupedYuanText, year))
            }
        })

    static func yearArgument(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        let text = arguments.positional(0)
        guard text.count == 4, let year = Int(text), Limits.yearRange.contains(year) else {
            throw UsageError(.yEARIsNotYearIn, text, Limits.yearRange.lowerBound, Limits.yearRange.upperBound)
        }
        return year
    }

    /// A source's closing figures; nil for a source the project never used.
    static func figures(_ funds: FundFigures) -> ClosingFigures? {
        let figures = ClosingFigures(fullYear: funds.fullYear, executed: funds.executed, carriedOver: funds.carriedOut,
                                     refunded: funds.refunded, balance: funds.remaining)
        return figures.isZero && funds.initial.fen == 0 ? nil : figures
    }
}

/// `reopen`: a closed year opened again, on the record.
enum ReopenCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "reopen", summary: Message(.reopenClosedFiscalYearWith),
            positionals: ["YEAR"],
            options: [.init(name: "date", value: "DATE", required: true, help: Message(.businessDateOfReopen)),
                      .init(name: "reason", value: "TEXT", required: true, help: Message(.whyClosedYearMustChange)), CommonOptions.key],
            example: "budget reopen 2023 --date 2024-03-02 --reason 审计调整",
            details: Message(.reportsOfYearThenSay)),
        run: { arguments, context in
            let year = try CloseCommand.yearArgument(arguments)
            let date = try arguments.requiredDate()
            let reason = try arguments.requiredText("reason")
            let key = try arguments.identifierOption("id")
            try context.record { _, _ in EventDraft(key: key, date: date, body: .yearReopened(YearReopen(year: year, reason: reason))) }
        })
}
