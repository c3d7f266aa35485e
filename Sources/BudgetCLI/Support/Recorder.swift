import BudgetModel
import BudgetJournal
import BudgetProjections

/// The one path by which anything enters the journal: under the journal's exclusive lock, fold
/// what is there, admit the draft against it, append, fsync. A rejected draft writes nothing.
enum Recorder {
    /// Records the draft that `makeDraft` builds from the current book, and says what happened.
    static func record(_ context: CommandContext, _ makeDraft: (LedgerBook) throws -> EventDraft) throws -> String {
        try record(context, drafting: { book, _ in try makeDraft(book) })
    }

    /// As above, for drafts that need an event the book did not keep (a reversal's original).
    static func record(_ context: CommandContext, drafting makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws -> String {
        try record(context, drafting: makeDraft, known: nil)
    }

    /// `known`, when the draft does not depend on the book, saves the first of the two folds.
    private static func record(_ context: CommandContext, drafting makeDraft: (LedgerBook, EventLookup) throws -> EventDraft,
                               known: EventDraft?) throws -> String {
        let recorded = try context.now()
        var outcome: Admission?
        try context.journal.append { access in
            // Two folds, both small: the events that are not payments, to make the draft; then with
            // the payment totals of just the projects the draft touches, to admit it. A draft
            // known beforehand needs only the second.
            let lookup = JournalLookup(access: access)
            let draft: EventDraft
            if let known {
                draft = known
            } else {
                var facts = try LedgerBook.fold(access.summary.condensedEvents(paymentsOf: []), retainingPayments: false)
                facts.advanceHead(to: access.summary.position.head.seq)
                draft = try makeDraft(facts, lookup)
            }
            var book = try LedgerBook.fold(access.summary.condensedEvents(paymentsOf: Set(draft.body.projectsTouched)), retainingPayments: false)
            book.advanceHead(to: access.summary.position.head.seq)
            let admission = try book.admit(draft, recorded: recorded, lookup: lookup)
            outcome = admission
            if case .append(let event) = admission { return [event] }
            return []
        }
        switch outcome {
        case .append(let event):
            return "recorded #\(event.seq) \(event.body.kind.name) \(summary(event))\n"
        case .alreadyRecorded(let event):
            return "already recorded as #\(event.seq) (id \(event.id)); nothing appended\n"
        case nil:
            preconditionFailure("append returned without admitting the draft")
        }
    }

    /// Records `body` dated by --date, under the key given by --id, if any.
    static func record(_ arguments: ParsedArguments, _ context: CommandContext, _ body: EventBody) throws -> String {
        let draft = EventDraft(key: try arguments.identifierOption("id"), date: try arguments.requiredDate(), body: body)
        return try record(context, drafting: { _, _ in draft }, known: draft)
    }

    static func summary(_ event: Event) -> String {
        [event.body.project ?? "(all projects)", event.date.text, event.body.summary].joined(separator: " ") + " (id \(event.id))"
    }
}

/// Reading commands share these: the journal summarised or read whole, every event checked.
enum Reader {
    /// The journal summarised up to `lastSeq` (all of it when nil) — from the checkpoint when it
    /// still matches — and the book folded from it. Enough for every report of figures and
    /// scores, as of any date. A full read leaves a fresh checkpoint for the next command.
    static func summary(_ context: CommandContext, upTo lastSeq: Int64? = nil) throws -> (summary: JournalSummary, book: LedgerBook) {
        let reading = try context.journal.summary(upTo: lastSeq)
        let book = try LedgerBook.fold(reading.summary.condensedEvents(), retainingPayments: false)
        if lastSeq == nil, !reading.usedCheckpoint || reading.eventsRead >= JournalFile.checkpointTailMax {
            Checkpoint.write(reading.summary, forJournal: context.journal)
        }
        return (reading.summary, book)
    }

    /// Every event of the journal, each checked, handed to `visit` in order; the book folded
    /// from them. Reversals of payments are confirmed against the journal after the read.
    static func stream(_ context: CommandContext, _ visit: (Event) throws -> Void) throws -> LedgerBook {
        var book = LedgerBook(retainingPayments: false)
        try context.journal.reading { reader in
            var summary = JournalSummary()
            _ = try reader.scan { event, end in
                try book.take(event)
                summary.absorb(event, endingAt: end)
                try visit(event)
            }
            try book.checkNoOverdraft()
            try book.confirmReversals(with: JournalLookup(access: reader.access(summary)))
        }
        return book
    }

    /// Every event of the journal in memory, each checked, for the commands that list or
    /// check events one by one.
    static func events(_ context: CommandContext) throws -> (events: [Event], book: LedgerBook) {
        var events: [Event] = []
        var book = LedgerBook(retainingPayments: false)
        try context.journal.reading { reader in
            _ = try reader.scan { event, _ in
                try book.take(event)
                events.append(event)
            }
        }
        try book.checkNoOverdraft()
        try book.confirmReversals(with: InMemoryEvents(events))
        return (events, book)
    }
}
