import BudgetText
import BudgetModel

/// 年终结账 in admission: which fiscal years are closed, and the rule that a close seals the
/// money dated in its year.
extension LedgerBook {
    /// The close in force of a fiscal year: the `year.closed` event, until a reopen.
    public struct YearClosing: Equatable, Sendable {
        public let seq: Int64
        public let date: BusinessDate
    }

    public func closing(of year: Int) -> YearClosing? { closedYears[year] }

    /// An event that moves money dated in a closed year, or into a project of a closed year (a
    /// carry-over lands in the next year's project), or that registers a project of a closed
    /// year, is refused; so is the reversal of one (checked with the target, in `Reversal.check`).
    func checkSeal(_ event: Event) throws(Rejection) {
        guard !closedYears.isEmpty, event.body.isSealedByClose else { return }
        if case .projectRegistered(let registration) = event.body {
            return try checkOpen(registration.year, for: Message(.registeringOf, registration.project, registration.year))
        }
        try checkSeal(kind: event.body.kind, date: event.date, movements: event.body.movements)
    }

    /// The seal of an event that moves money (`movements`), given as its kind and date.
    func checkSeal(kind: EventKind, date: BusinessDate, movements: Movements) throws(Rejection) {
        guard !closedYears.isEmpty else { return }
        let what = Message(.kindDated, kind.name, date)
        try checkOpen(date.year, for: what)
        try checkProjectsOpen(movements, for: what)
    }

    /// Every project that `movements` move belongs to an open year.
    func checkProjectsOpen(_ movements: Movements, for what: Message) throws(Rejection) {
        for movement in movements {
            guard let year = projects[movement.project]?.registration.year else { continue }
            try checkOpen(year, for: Message(.movingMoneyOf, what, movement.project, year))
        }
    }

    func checkOpen(_ year: Int, for what: Message) throws(Rejection) {
        guard let close = closedYears[year] else { return }
        throw Rejection(.fallsInWhichIsClosed, what, year, close.seq, close.date, year)
    }
}

extension YearClose: BookEffect, AdmissionRule {
    func record(in book: inout LedgerBook, event: Event) {
        book.closedYears[year] = LedgerBook.YearClosing(seq: event.seq, date: event.date)
    }

    func undo(in book: inout LedgerBook, target: Int64) {}

    /// A year is closed once its last day has come, only while it is open, and not before the
    /// reopen it follows.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        if let close = book.closedYears[year] { throw Rejection(.isAlreadyClosedOn, year, close.seq, close.date) }
        guard let last = BusinessDate.lastDay(of: year), event.date >= last else {
            throw Rejection(.closeOfDatedComesBefore, year, event.date, year)
        }
        if let reopened = book.reopenedYears[year], event.date < reopened {
            throw Rejection(.closeOfDatedComesBefore2, year, event.date, reopened)
        }
    }
}

extension YearReopen: BookEffect, AdmissionRule {
    func record(in book: inout LedgerBook, event: Event) {
        book.closedYears[year] = nil
        book.reopenedYears[year] = event.date
    }

    func undo(in book: inout LedgerBook, target: Int64) {}

    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard let close = book.closedYears[year] else { throw Rejection(.isNotClosedThereIs, year) }
        guard event.date >= close.date else { throw Rejection(.reopenDatedComesBeforeClose, event.date, close.seq, close.date) }
    }
}

extension ProjectClose: AdmissionRule {
    /// A project's closing figures are stated for its own year, while that year is open.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let facts = try book.projectFacts(project)
        guard facts.registration.year == year else { throw Rejection(.projectIsOfNot, project, facts.registration.year, year) }
        if let close = book.closedYears[year] { throw Rejection(.isAlreadyClosedOn, year, close.seq, close.date) }
    }
}
