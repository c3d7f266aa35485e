import BudgetJournal
import BudgetModel
import BudgetProjections

extension LedgerStore {
    /// Records `draft`: under the journal's exclusive lock, fold what is there, admit the draft
    /// against it, append, fsync. A refused draft writes nothing.
    public func record(_ draft: EventDraft, recorded: String) throws -> Admission {
        try record(recorded: recorded, known: draft, about: []) { _, _ in draft }
    }

    /// Records the draft that `makeDraft` builds from a book of the journal-wide events (the
    /// policy in force) and of `projects`, and from `lookup` (any event by seq or key): for a
    /// draft that depends on the journal, such as a policy over the one in force, an indicator
    /// dated by its project's year, or a reversal's copy of its target.
    public func record(recorded: String, about projects: [String] = [], drafting makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws -> Admission {
        try record(recorded: recorded, known: nil, about: projects, makeDraft)
    }

    private func record(recorded: String, known: EventDraft?, about projects: [String],
                        _ makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws -> Admission {
        try withCheckpointFallback { usingCheckpoint, used in
            var outcome: Admission?
            try journal.append(usingCheckpoint: usingCheckpoint) { access in
                used = access.summary.base
                // Two folds, both small: the projects the draft is about, to make it; then those it
                // touches, to admit it. A draft known beforehand needs only the second.
                let lookup = JournalLookup(access: access)
                let draft = try known ?? makeDraft(condensedBook(access, projects: Set(projects), checkingTail: false).book, lookup)
                let refresh = access.refreshesCheckpoint(adding: 1)
                let read = try condensedBook(access, projects: Set(draft.body.projectsTouched), checkingTail: refresh)
                let admission = try read.book.admit(draft, recorded: recorded, lookup: lookup)
                outcome = admission
                guard case .append(let event) = admission else { return AppendPlan(events: []) }
                return AppendPlan(events: [event], checkpointSuspects: refresh ? read.suspects(after: access.summary) : nil)
            }
            guard let outcome else { preconditionFailure("an append returns only once its draft is admitted") }
            return outcome
        }
    }

    /// Records the drafts that `makeDrafts` builds (from a book of the journal-wide events and of
    /// `projects`, and `lookup`) as one batch: each admitted against the book as it stands after
    /// those before it, and all written in one append — atomic on disk — or none. A correction
    /// (a reversal and the corrected event) is such a batch.
    public func recordBatch(recorded: String, about projects: [String],
                            drafting makeDrafts: (LedgerBook, EventLookup) throws -> [EventDraft]) throws -> [Admission] {
        try withCheckpointFallback { usingCheckpoint, used in
            var outcomes: [Admission] = []
            try journal.append(usingCheckpoint: usingCheckpoint) { access in
                used = access.summary.base
                outcomes = []
                let lookup = JournalLookup(access: access)
                let drafts = try makeDrafts(condensedBook(access, projects: Set(projects), checkingTail: false).book, lookup)
                let refresh = access.refreshesCheckpoint(adding: drafts.count)
                let read = try condensedBook(access, projects: Set(drafts.flatMap(\.body.projectsTouched)), checkingTail: refresh)
                var book = read.book
                var events: [Event] = []
                for draft in drafts {
                    let admission = try book.admit(draft, recorded: recorded, lookup: lookup)
                    outcomes.append(admission)
                    if case .append(let event) = admission {
                        book.recordAdmitted(event)
                        events.append(event)
                    }
                }
                return AppendPlan(events: events, checkpointSuspects: refresh && !events.isEmpty ? read.suspects(after: access.summary) : nil)
            }
            return outcomes
        }
    }
}
