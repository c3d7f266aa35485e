import BudgetJournal
import BudgetProjections
import BudgetModel

/// Finds the events a book did not keep, in the journal file, for admission and for checking
/// reversals after a read.
struct JournalLookup: EventLookup {
    let access: JournalAccess

    func event(seq: Int64) throws(Rejection) -> Event? {
        do { return try access.event(seq: seq) } catch { throw Rejection("\(error)") }
    }

    func events(withKey key: String) throws(Rejection) -> [Event] {
        do { return try access.events(withKey: key) } catch { throw Rejection("\(error)") }
    }
}
