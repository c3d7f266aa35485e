import BudgetJournal
import BudgetModel
import BudgetProjections

/// The journal as the commands see it: the one place that reads and appends. It decides how a
/// replay is served — from the checkpoint's condensed journal or from every line — checks every
/// event it reads against the ledger's rules, admits every event it appends under the journal's
/// lock, and keeps the checkpoint fresh. Commands parse arguments, ask the store, and render.
public struct LedgerStore: Sendable {
    public let journal: JournalFile

    public init(journal: JournalFile) { self.journal = journal }

    public var path: String { journal.path }

    /// Creates an empty journal; never overwrites one.
    public func create() throws {
        try journal.create()
    }

    /// Moves a torn last line aside (see `JournalFile.repairTornTail`).
    public func repair() throws -> JournalFile.MovedTail? {
        try journal.repairTornTail()
    }
}

/// Finds the events a book did not keep (a large journal's payments), in the journal file.
struct JournalLookup: EventLookup {
    let access: JournalAccess

    func event(seq: Int64) throws(Rejection) -> Event? {
        do { return try access.event(seq: seq) } catch { throw Rejection("\(error)") }
    }

    func events(withKey key: String) throws(Rejection) -> [Event] {
        do { return try access.events(withKey: key) } catch { throw Rejection("\(error)") }
    }

    func events(withVoucher voucher: String) throws(Rejection) -> [Event] {
        do { return try access.events(withVoucher: voucher) } catch { throw Rejection("\(error)") }
    }
}

extension LedgerBook {
    /// Checks and records the items of a condensed journal, as a reader of the whole journal
    /// would check and record its events.
    mutating func take(_ items: [CondensedItem]) throws(Rejection) {
        for item in items {
            switch item {
            case .event(let event): try take(event)
            case .total(let total): try take(total)
            }
        }
    }

    /// The book of a condensed journal, its head moved to the journal's.
    static func condensed(_ items: [CondensedItem], head: Int64) throws(Rejection) -> LedgerBook {
        var book = LedgerBook.reading()
        try book.take(items)
        book.finishReading()
        book.advanceHead(to: head)
        return book
    }
}
