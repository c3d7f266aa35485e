import BudgetModel

/// How the unspent balance of one fund source of one project moves, date by date. Approvals
/// and carry-ins raise it; payments, refunds, carry-outs and cuts lower it. 无预算不支出 — no
/// payment without budget — means it may never be negative as of any date, so that a replay to
/// any date shows a project within its budget, whatever order events were recorded in.
public struct BalanceTimeline: Equatable, Sendable {
    /// Net change of the balance on each date.
    public private(set) var netByDate: [BusinessDate: Int64] = [:]
    /// The last event that moved the balance on each date, to name a line when it is wrong.
    public private(set) var lastSeqByDate: [BusinessDate: Int64] = [:]

    public init() {}

    public mutating func record(_ fen: Int64, on date: BusinessDate, seq: Int64) {
        netByDate[date, default: 0] += fen
        lastSeqByDate[date] = seq
    }

    /// The first date on which the balance is below zero, with the balance and the last event
    /// that moved it that day; nil when it never is.
    public func firstOverdraft() -> (date: BusinessDate, balanceFen: Int64, seq: Int64)? {
        var balance: Int64 = 0
        for day in netByDate.keys.sorted() {
            balance += netByDate[day]!
            if balance < 0 { return (day, balance, lastSeqByDate[day] ?? 0) }
        }
        return nil
    }

    /// The first date on or after `date` at which the balance would fall below zero if `fen`
    /// moved it on `date`, with the balance there before the move; nil when it never would.
    public func firstShortfall(adding fen: Int64, on date: BusinessDate) -> (date: BusinessDate, balanceFen: Int64)? {
        var balance: Int64 = 0
        for day in netByDate.keys.sorted() where day < date { balance += netByDate[day]! }
        var days = netByDate.keys.filter { $0 >= date }.sorted()
        if days.first != date { days.insert(date, at: 0) }
        for day in days {
            balance += netByDate[day] ?? 0
            if balance + fen < 0 { return (day, balance) }
        }
        return nil
    }
}
