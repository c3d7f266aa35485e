import BudgetModel

extension Reversal: AdmissionRule {
    /// A reversal comes after its target, is its only one, and carries an exact copy of it; the
    /// target's own kind may ask more (an indicator's values are reversed before the indicator).
    /// Reading a large journal, a target the book did not keep is confirmed after the read.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard targetSeq < event.seq else { throw Rejection("there is no event #\(targetSeq) to reverse") }
        guard !book.isReversed(targetSeq) else { throw Rejection("event #\(targetSeq) is already reversed") }
        var found = book.event(seq: targetSeq)
        if found == nil, let lookup { found = try lookup.event(seq: targetSeq) }
        guard let target = found else {
            guard lookup == nil, !book.retainsPayments else { throw Rejection("there is no event #\(targetSeq) to reverse") }
            return
        }
        try LedgerBook.checkTarget(target, of: self, on: event.date)
        // Undoing money of a closed year would change that year's figures.
        if target.body.isSealedByClose {
            let what = "reversing #\(target.seq) (\(target.body.kind.name) dated \(target.date))"
            try book.checkOpen(target.date.year, for: what)
            try book.checkProjectsOpen(target.body, for: what)
        }
        try target.body.visit(AdmissionRuleOf())?.checkReversal(of: target, in: book)
    }
}

extension LedgerBook {
    /// What a reversal must agree with in the event it reverses.
    static func checkTarget(_ target: Event, of reversal: Reversal, on date: BusinessDate) throws(Rejection) {
        guard target.body.isReversible else {
            throw Rejection("event #\(target.seq) (\(target.body.kind.name)) cannot be reversed; a reversal is final, and a project registered stays")
        }
        guard target.body == reversal.original else { throw Rejection("the reversal's copy of event #\(target.seq) differs from it") }
        guard date >= target.date else {
            throw Rejection("a reversal dated \(date) cannot precede the event it reverses (#\(target.seq), \(target.date))")
        }
    }
}
