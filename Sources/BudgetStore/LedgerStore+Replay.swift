import BudgetJournal
import BudgetModel
import BudgetProjections

/// What a replay read besides the fold: the facts of the projects read, checked, and the head.
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
        try replayEveryEvent(&fold, to: point)
    }

    /// As `replay(_:to:)`, for a fold of figures too: a replay "as known at" a time filters on
    /// each event's `recorded`, which the checkpoint's sums of payments do not keep.
    public func replayEveryEvent<Fold: EventFold>(_ fold: inout Fold, to point: ReplayPoint) throws -> ReplaySource {
        warned(try scanEveryLine { event, _ in if point.includes(event) { fold.apply(event) } }.source)
    }

    /// Folds the journal's figures into `fold`, up to `point`: of `projects` only, when given (the
    /// fold then sees their events, the journal-wide ones, and nothing else). The payments come
    /// summed per project, source and date. From the checkpoint when it still matches the journal,
    /// only the parts of the projects asked for are read, with the lines after it; else every line
    /// is read, which leaves a fresh checkpoint for the next command. What is read is checked.
    public func replay<Fold: LedgerFold>(_ fold: inout Fold, to point: ReplayPoint = .end, projects: Set<String>? = nil) throws -> ReplaySource {
        // The fresh checkpoint is written while the fold runs, and the journal's own warnings are
        // said once it is written. Where the journal has somewhere to leave it (`CheckpointWrites`),
        // the caller goes on meanwhile; else it is waited for before this returns or throws.
        let ownWrites = journal.checkpointWrites == nil ? CheckpointWrites() : nil
        defer { ownWrites?.waitForAll() }
        var warnsAfterWriting = false
        let (items, source, reached) = try withCheckpointFallback { usingCheckpoint, used in
            try journal.reading { reader -> ([CondensedItem], ReplaySource, Int64) in
                let summary = try reader.summary(upTo: point.atSeq, usingCheckpoint: usingCheckpoint)
                used = summary.base
                // A full read, or a long tail past the checkpoint, leaves a fresh checkpoint for the next command.
                let writes = point.atSeq == nil && (summary.base == nil || summary.eventsAbsorbed >= JournalFile.checkpointTailMax)
                let read = try condensedBook(reader.access(summary), projects: projects, checkingTail: writes)
                let source = ReplaySource(book: read.book, head: summary.position.head)
                if writes {
                    // Outside the lock, perhaps: an append meanwhile leaves this checkpoint a prefix
                    // of the journal, which the next read confirms and reads on from.
                    let (suspects, journal) = (read.suspects(after: summary), journal)
                    warnsAfterWriting = true
                    (journal.checkpointWrites ?? ownWrites!).start { [self] in
                        Checkpoint.write(summary, suspects: suspects, forJournal: journal)
                        _ = warned(source)
                    }
                }
                return (read.items, source, summary.lastSeq(asOf: point.asOf))
            }
        }
        for item in items where projects.map(item.concerns) ?? true {
            switch item {
            case .event(let event): if point.includes(event) { fold.apply(event) }
            case .total(let total): if point.asOf.map({ total.key.date <= $0 }) ?? true { fold.apply(total) }
            }
        }
        fold.replayed(through: reached)
        // Whatever the write noticed (a page of the old checkpoint that fails its digest) is said
        // before the journal's own warnings, as when it was written before the fold.
        ownWrites?.waitForAll()
        return warnsAfterWriting ? source : warned(source)
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
    /// Without `visitingPayments`, `visit` sees every event but the payments, which are read as
    /// their figures only (see `PaymentFigures`): checked and summed the same, read faster.
    /// `whenSummarised` is handed the summary and the projects of the violations found, once both
    /// are final and before the ids are checked (which adds no project): to write a checkpoint
    /// meanwhile.
    func scanEveryLine(keepingHashOf keptSeq: Int64? = nil, snapshotAt: Int64? = nil, checkingIDs: Bool = false, visitingPayments: Bool = true,
                       whenSummarised: ((JournalSummary, Set<String>) -> Void)? = nil,
                       _ visit: (Event, JournalPosition) throws -> Void) throws -> EveryLine {
        try journal.reading { reader in
            try withoutActuallyEscaping(visit) { visit in
                var fold = EveryLineFold(snapshotAt: snapshotAt, visit: visit)
                let scanned = visitingPayments ? try reader.scan(keepingHashOf: keptSeq) { event, end in try fold.take(event, endingAt: end) }
                    : try reader.scanFigures(keepingHashOf: keptSeq, into: &fold)
                return try finish(&fold, scanned: scanned, reader: reader, checkingIDs: checkingIDs, whenSummarised: whenSummarised)
            }
        }
    }

    /// A read of every line: the book checks each event, the summary absorbs it.
    private struct EveryLineFold: FigureFold {
        var summary = JournalSummary()
        var snapshot: JournalSummary?
        // Balances recorded as they come: noting a million payments to settle at the end
        // would hold them all.
        var book = LedgerBook(retainingPayments: false)
        let snapshotAt: Int64?
        let visit: (Event, JournalPosition) throws -> Void

        init(snapshotAt: Int64?, visit: @escaping (Event, JournalPosition) throws -> Void) {
            self.snapshotAt = snapshotAt
            self.visit = visit
        }

        mutating func take(_ event: Event, endingAt end: JournalPosition) throws {
            try book.take(event)
            summary.absorb(event, endingAt: end)
            if event.seq == snapshotAt { snapshot = summary }
            try visit(event, end)
        }

        mutating func take(_ payment: PaymentFigures, endingAt end: JournalPosition) throws {
            try book.take(payment)
            summary.absorb(payment, endingAt: end)
            if payment.seq == snapshotAt { snapshot = summary }
        }
    }

    /// The end of a read of every line: balances settled, reversals confirmed, ids checked.
    private func finish(_ fold: inout EveryLineFold, scanned: (end: JournalPosition, kept: JournalHead?), reader: JournalReading,
                        checkingIDs: Bool, whenSummarised: ((JournalSummary, Set<String>) -> Void)?) throws -> EveryLine {
        fold.book.finishReading()
        // A snapshot at the last line is the summary itself: shared, not held twice, and let go
        // while the summary's keys are sorted, which would otherwise copy them.
        let snapshotIsWhole = fold.snapshot?.position == fold.summary.position
        if snapshotIsWhole { fold.snapshot = nil }
        fold.summary.settleKeyIndex()
        if snapshotIsWhole { fold.snapshot = fold.summary }
        let access = reader.access(fold.summary)
        try fold.book.confirmReversals(with: JournalLookup(access: access))
        whenSummarised?(fold.summary, fold.book.violations.projects)
        if checkingIDs {
            for problem in try access.reusedKeys() + access.reusedVouchers() { fold.book.note(Rejection(problem)) }
        }
        return EveryLine(source: ReplaySource(book: fold.book, head: scanned.end.head), summary: fold.summary, snapshot: fold.snapshot,
                         kept: scanned.kept)
    }

    /// What a read of every line found.
    struct EveryLine {
        let source: ReplaySource
        let summary: JournalSummary
        let snapshot: JournalSummary?
        let kept: JournalHead?
    }
}
