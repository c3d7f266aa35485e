import BudgetJournal
import BudgetModel
import BudgetProjections

/// What a replay read besides the fold: the facts of every project, checked, and the head.
public struct ReplaySource: Sendable {
    /// Every event read, checked as admission checks it: which projects exist, and so on.
    public let book: LedgerBook
    public let head: JournalHead
}

extension LedgerStore {
    /// Folds every event of the journal into `fold`, up to `point`: the events dated by then (and
    /// recorded by the event `point` names). Every line is read and checked, whatever the
    /// checkpoint holds: a fold that lists or cites events needs each of them.
    public func replay<Fold: EventFold>(_ fold: inout Fold, to point: ReplayPoint = .end) throws -> ReplaySource {
        warned(try scanEveryLine { event in if point.includes(event) { fold.apply(event) } }.source)
    }

    /// Folds the journal's figures into `fold`, up to `point`. The payments may come summed per
    /// project, source and date: from the checkpoint's condensed journal when it still matches
    /// the journal (then only the lines after it are read and checked), else from a full read,
    /// which leaves a fresh checkpoint for the next command. Every event and total is checked.
    public func replay<Fold: LedgerFold>(_ fold: inout Fold, to point: ReplayPoint = .end) throws -> ReplaySource {
        let reading = try journal.summary(upTo: point.atSeq)
        let items = reading.summary.condensed()
        var book = LedgerBook.reading()
        try book.take(items)
        book.finishReading()
        for item in items {
            switch item {
            case .event(let event): if point.includes(event) { fold.apply(event) }
            case .total(let total): if point.asOf.map({ total.key.date <= $0 }) ?? true { fold.apply(total) }
            }
        }
        // A full read, or a long tail past the checkpoint, leaves a fresh checkpoint for the next command.
        if point.atSeq == nil, !reading.usedCheckpoint || reading.eventsRead >= JournalFile.checkpointTailMax {
            Checkpoint.write(reading.summary, forJournal: journal)
        }
        return warned(ReplaySource(book: book, head: reading.summary.position.head))
    }

    /// A journal that holds an event breaking a rule is read all the same, with a warning that
    /// names it: never bricked.
    private func warned(_ source: ReplaySource) -> ReplaySource {
        if let problem = source.book.violations.summary { journal.notice(problem) }
        return source
    }

    /// Reads every line, checking each and the events' sense, and hands each event to `visit`.
    /// Reversals of events the book did not keep are confirmed against the journal at the end.
    /// `snapshotAt` asks for the summary as it stood after that seq (to compare a checkpoint
    /// with); `checkingIDs` for every client id to be confirmed unique, which needs every line.
    func scanEveryLine(keepingHashOf keptSeq: Int64? = nil, snapshotAt: Int64? = nil, checkingIDs: Bool = false,
                       _ visit: (Event) throws -> Void) throws -> EveryLine {
        try journal.reading { reader in
            var summary = JournalSummary()
            var snapshot: JournalSummary?
            // Balances recorded as they come: noting a million payments to settle at the end
            // would hold them all.
            var book = LedgerBook(retainingPayments: false)
            let scanned = try reader.scan(keepingHashOf: keptSeq) { event, end in
                try book.take(event)
                summary.absorb(event, endingAt: end)
                if event.seq == snapshotAt { snapshot = summary }
                try visit(event)
            }
            book.finishReading()
            summary.settleKeyIndex()
            let access = reader.access(summary)
            try book.confirmReversals(with: JournalLookup(access: access))
            if checkingIDs { for problem in try access.reusedKeys() { book.note(Rejection(problem)) } }
            return EveryLine(source: ReplaySource(book: book, head: scanned.end.head), summary: summary, snapshot: snapshot, kept: scanned.kept)
        }
    }

    /// What a read of every line found.
    struct EveryLine {
        let source: ReplaySource
        let summary: JournalSummary
        let snapshot: JournalSummary?
        let kept: JournalHead?
    }
}
