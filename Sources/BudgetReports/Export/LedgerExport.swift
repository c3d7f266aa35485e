import BudgetModel
import BudgetProjections

/// What both exports say before their transactions: the accounts each transaction posts to,
/// opened on the date of their first posting, and the projects they belong to. Built by folding
/// the journal (`ExportBuilder`), which hands each transaction on as it is made: a large
/// export sorts its transactions by date on disk, not in memory.
public struct LedgerExport: Equatable, Sendable {
    /// Every account used, by name, with the date of its first posting.
    public let accounts: [(account: LedgerAccount, opened: BusinessDate)]
    /// The projects the accounts belong to, with their names, for the header.
    public let projects: [ProjectRegistration]
    public let asOf: BusinessDate?
    public let seq: Int64
    /// Each account's name, made once: a large export posts to a few hundred accounts millions of times.
    let names: [LedgerAccount: String]
    /// The transactions in date order, then journal order, when the export was made in memory
    /// (`init(events:asOf:)`); empty when they were handed on.
    public let transactions: [ExportTransaction]

    init(accounts: [LedgerAccount: BusinessDate], projects: [ProjectRegistration], asOf: BusinessDate?, seq: Int64,
         transactions: [ExportTransaction] = []) {
        let names = Dictionary(uniqueKeysWithValues: accounts.keys.map { ($0, $0.name) })
        self.names = names
        self.accounts = accounts.map { (account: $0.key, opened: $0.value) }.sorted { names[$0.account]! < names[$1.account]! }
        let used = Set(accounts.keys.map(\.project))
        self.projects = projects.filter { used.contains($0.project) }
        self.asOf = asOf
        self.seq = seq
        self.transactions = transactions
    }

    /// The export of `events`, made in memory with its transactions sorted: for tests and small uses.
    public init(events: [Event], asOf: BusinessDate?) {
        var transactions: [ExportTransaction] = []
        var builder = ExportBuilder { transactions.append($0) }
        builder.apply(events)
        transactions.sort { ($0.date, $0.seq) < ($1.date, $1.seq) }
        self = builder.export(asOf: asOf, transactions: transactions)
    }

    public static func == (a: LedgerExport, b: LedgerExport) -> Bool {
        a.transactions == b.transactions && a.asOf == b.asOf && a.seq == b.seq && a.projects == b.projects
            && a.accounts.elementsEqual(b.accounts) { $0.account == $1.account && $0.opened == $1.opened }
    }

    /// The name of an account as the files write it.
    public func name(_ account: LedgerAccount) -> String { names[account] ?? account.name }

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
