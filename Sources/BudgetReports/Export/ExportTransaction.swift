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
        guard let primary = movements.primary else { return nil }
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

/// The journal as transactions, in date order (then journal order), with the accounts each one
/// needs opened and the date of its first use: what both exports write.
public struct LedgerExport: Equatable, Sendable {
    public let transactions: [ExportTransaction]
    /// Every account used, by name, with the date of its first posting.
    public let accounts: [(account: LedgerAccount, opened: BusinessDate)]
    /// The projects the accounts belong to, with their names, for the header.
    public let projects: [ProjectRegistration]
    public let asOf: BusinessDate?
    public let seq: Int64
    /// Each account's name, made once: a large export posts to a few hundred accounts millions of times.
    let names: [LedgerAccount: String]

    public init(events: [Event], asOf: BusinessDate?, seq: Int64) {
        transactions = events.compactMap(ExportTransaction.init).sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
        var opened: [LedgerAccount: BusinessDate] = [:]
        for transaction in transactions {
            for posting in transaction.postings where opened[posting.account] == nil { opened[posting.account] = transaction.date }
        }
        let names = Dictionary(uniqueKeysWithValues: opened.keys.map { ($0, $0.name) })
        self.names = names
        accounts = opened.map { (account: $0.key, opened: $0.value) }.sorted { names[$0.account]! < names[$1.account]! }
        let used = Set(opened.keys.map(\.project))
        projects = events.compactMap { event -> ProjectRegistration? in
            guard case .projectRegistered(let registration) = event.body, used.contains(registration.project) else { return nil }
            return registration
        }
        self.asOf = asOf
        self.seq = seq
    }

    public static func == (a: LedgerExport, b: LedgerExport) -> Bool {
        a.transactions == b.transactions && a.asOf == b.asOf && a.seq == b.seq && a.projects == b.projects
            && a.accounts.elementsEqual(b.accounts) { $0.account == $1.account && $0.opened == $1.opened }
    }

    /// The comment lines both formats open with: what the file is, and what each account holds.
    var header: [String] {
        let point = asOf.map { "as of \($0)" } ?? "all dates"
        var lines = [
            "budget export: the ledger through event #\(seq), \(point); amounts in yuan (CNY).",
            "Accounts, per project and fund source (balances as `budget report` prints them):",
            "  Income:Budget:P:S        minus 全年预算数 (approvals, adjustments and carry-ins, less refunds)",
            "  Expenses:Executed:P:S    全年执行数 (payments)",
            "  Assets:Treasury:P:S      the balance still at the treasury (remaining: 结余)",
            "  Equity:CarriedOver:P:S   carried over to a later year's project (结转)",
            "Projects:",
        ]
        for project in projects {
            lines.append("  \(LedgerAccount.component(forProject: project.project))  \(project.project)  \(project.name)  (\(project.year))")
        }
        return lines
    }
}
