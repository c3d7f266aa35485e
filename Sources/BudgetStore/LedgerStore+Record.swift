import BudgetJournal
import BudgetModel
import BudgetProjections

extension LedgerStore {
    /// Records `draft`: under the journal's exclusive lock, fold what is there, admit the draft
    /// against it, append, fsync. A refused draft writes nothing.
    public func record(_ draft: EventDraft, recorded: String) throws -> Admission {
        try record(recorded: recorded, known: draft) { _, _ in draft }
    }

    /// Records the draft that `makeDraft` builds from the book as it stands, for a draft that
    /// depends on it (a policy over the one in force, a reversal's copy of its target). `lookup`
    /// finds events the book did not keep.
    public func record(recorded: String, drafting makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws -> Admission {
        try record(recorded: recorded, known: nil, makeDraft)
    }

    private func record(recorded: String, known: EventDraft?, _ makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws -> Admission {
        var outcome: Admission?
        try journal.append { access in
            // Two folds, both small: the events that are not payments, to make the draft; then with
            // the payment totals of just the projects the draft touches, to admit it. A draft
            // known beforehand needs only the second.
            let head = access.summary.position.head.seq
            let lookup = JournalLookup(access: access)
            let draft = try known ?? makeDraft(LedgerBook.condensed(access.summary.condensed(paymentsOf: []), head: head), lookup)
            let book = try LedgerBook.condensed(access.summary.condensed(paymentsOf: Set(draft.body.projectsTouched)), head: head)
            let admission = try book.admit(draft, recorded: recorded, lookup: lookup)
            outcome = admission
            if case .append(let event) = admission { return [event] }
            return []
        }
        guard let outcome else { preconditionFailure("an append returns only once its draft is admitted") }
        return outcome
    }
}
