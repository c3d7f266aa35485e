import BudgetText
import BudgetModel

extension Reversal: AdmissionRule {
    /// A reversal comes after its target, is its only one, and carries an exact copy of it; the
    /// target's own kind may ask more (an indicator's values are reversed before the indicator).
    /// Reading a large journal, a target the book did not keep is confirmed after the read.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard targetSeq < event.seq else { throw Rejection(.thereIsNoEventTo2, targetSeq) }
        guard !book.isReversed(targetSeq) else { throw Rejection(.eventIsAlreadyReversed, targetSeq) }
        var found = book.event(seq: targetSeq)
        if found == nil, let lookup { found = try lookup.event(seq: targetSeq) }
        guard let target = found else {
            guard lookup == nil, !book.retainsPayments else { throw Rejection(.thereIsNoEventTo2, targetSeq) }
            return
        }
        try LedgerBook.checkTarget(target, of: self, on: event.date)
        // Undoing money of a closed year would change that year's figures.
        if target.body.isSealedByClose {
            let what = Message(.reversingDated, target.seq, target.body.kind.name, target.date)
            try book.checkOpen(target.date.year, for: what)
            try book.checkProjectsOpen(target.body.movements, for: what)
        }
        try target.body.visit(AdmissionRuleOf())?.checkReversal(of: target, in: book)
    }
}

extension LedgerBook {
    /// What a reversal must agree with in the event it reverses.
    static func checkTarget(_ target: Event, of reversal: Reversal, on date: BusinessDate) throws(Rejection) {
        guard target.body.isReversible else {
            throw Rejection(.eventCannotBeReversedReversal, target.seq, target.body.kind.name)
        }
        guard target.body == reversal.original else { throw Rejection(.reversalSCopyOfEvent, target.seq) }
        guard date >= target.date else {
            throw Rejection(.reversalDatedCannotPrecedeEvent, date, target.seq, target.date)
        }
    }
}
