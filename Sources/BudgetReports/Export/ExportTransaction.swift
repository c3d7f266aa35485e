import BudgetModel

/// One event of the journal as a balanced double-entry transaction (see `LedgerAccount` for the
/// accounts). Only events that move money become transactions; a reversal of one posts its
/// original's postings with the signs turned, on the reversal's own date.
public struct ExportTransaction: Equatable, Sendable {
    public struct Posting: Equatable, Sendable {
        public let account: LedgerAccount
        public let amount: Money
    }

    public let seq: Int64
    public let date: BusinessDate
    /// Who was paid, for a payment that names a payee.
    public let payee: String?
    /// What happened: "支出 bzgl-2023 current: 培训费", "冲销 #12 交回财政 …: 重复录入".
    public let narration: String
    public let postings: [Posting]

    /// The transaction of `event`, or nil when it moves no money. Each movement posts to the
    /// accounts of its figure; a reversal's movements are its original's undone, so it posts
    /// them with the signs turned, on its own date.
    public init?(_ event: Event) {
        let movements = event.body.movements
        guard movements.primary != nil else { return nil }
        seq = event.seq
        date = event.date
        payee = event.body.payee
        narration = Self.narration(event.body, movements: movements)
        postings = movements.flatMap(Self.postings)
        precondition(postings.reduce(0) { $0 + $1.amount.fen } == 0, "an exported transaction balances")
    }

    /// "支出 bzgl-2023 current: 培训费", "结转 bzgl-2022 current → bzgl-2023: …"; a reversal:
    /// "冲销 #12 交回财政 …: 重复录入".
    static func narration(_ body: EventBody, movements: Movements) -> String {
        if case .reversed(let reversal) = body {
            return "\(Reversal.kind.label) #\(reversal.targetSeq) " + narration(reversal.original, movements: movements) + ": " + reversal.reason
        }
        var text = "\(body.kind.label) \(body.project ?? "")"
        if let primary = movements.primary { text += " \(primary.source)" }
        for movement in movements where movement.project != body.project { text += " → \(movement.project)" }
        return text + (body.remark.map { ": " + $0 } ?? "")
    }

    /// Where one movement's money goes, as two postings that balance.
    static func postings(_ movement: Movement) -> [Posting] {
        let (debit, credit): (LedgerAccount.Kind, LedgerAccount.Kind)
        switch movement.figure {
        case .approved, .carriedIn, .adjusted: (debit, credit) = (.treasury, .budget)
        case .executed: (debit, credit) = (.executed, .treasury)
        case .refunded: (debit, credit) = (.budget, .treasury)
        case .carriedOut: (debit, credit) = (.carriedOver, .treasury)
        }
        return [Posting(account: LedgerAccount(debit, movement.project, movement.source), amount: Money(fen: movement.fen)),
                Posting(account: LedgerAccount(credit, movement.project, movement.source), amount: Money(fen: -movement.fen))]
    }
}
