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

    /// The transaction of `event`, or nil when it moves no money.
    public init?(_ event: Event) {
        var body = event.body
        var sign: Int64 = 1
        var prefix = ""
        if case .reversed(let reversal) = body {
            body = reversal.original
            sign = -1
            prefix = "\(EventType.reversed.label) #\(reversal.targetSeq) "
        }
        guard let (payee, text, postings) = Self.postings(of: body) else { return nil }
        seq = event.seq
        date = event.date
        self.payee = payee
        var narration = prefix + text
        if case .reversed(let reversal) = event.body { narration += ": " + reversal.reason }
        self.narration = narration
        self.postings = postings.map { Posting(account: $0.0, amount: Money(fen: sign * $0.1.fen)) }
        precondition(self.postings.reduce(0) { $0 + $1.amount.fen } == 0, "an exported transaction balances")
    }

    /// The payee, the narration and the postings of a money event.
    static func postings(of body: EventBody) -> (String?, String, [(LedgerAccount, Money)])? {
        func text(_ type: EventType, _ project: String, _ source: FundSource, _ note: String?) -> String {
            "\(type.label) \(project) \(source)" + (note.map { ": " + $0 } ?? "")
        }
        func negated(_ money: Money) -> Money { Money(fen: -money.fen) }
        switch body {
        case .budgetApproved(let e):
            return (nil, text(.budgetApproved, e.project, e.source, e.memo),
                    [(LedgerAccount(.treasury, e.project, e.source), e.amount), (LedgerAccount(.budget, e.project, e.source), negated(e.amount))])
        case .budgetAdjusted(let e):
            return (nil, text(.budgetAdjusted, e.project, e.source, e.reason),
                    [(LedgerAccount(.treasury, e.project, e.source), e.amount), (LedgerAccount(.budget, e.project, e.source), negated(e.amount))])
        case .disbursed(let e):
            return (e.payee, text(.disbursed, e.project, e.source, e.memo),
                    [(LedgerAccount(.executed, e.project, e.source), e.amount), (LedgerAccount(.treasury, e.project, e.source), negated(e.amount))])
        case .refunded(let e):
            return (nil, text(.refunded, e.project, e.source, e.reason),
                    [(LedgerAccount(.budget, e.project, e.source), e.amount), (LedgerAccount(.treasury, e.project, e.source), negated(e.amount))])
        case .carriedOver(let e):
            return (nil, text(.carriedOver, e.project, e.source, "→ \(e.toProject)" + (e.memo.map { " " + $0 } ?? "")),
                    [(LedgerAccount(.carriedOver, e.project, e.source), e.amount), (LedgerAccount(.treasury, e.project, e.source), negated(e.amount)),
                     (LedgerAccount(.treasury, e.toProject, .carryover), e.amount), (LedgerAccount(.budget, e.toProject, .carryover), negated(e.amount))])
        default:
            return nil
        }
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
