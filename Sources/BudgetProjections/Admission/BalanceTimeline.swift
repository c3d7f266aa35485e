import BudgetModel

/// How the unspent balance of one fund source of one project moves, date by date. Approvals
/// and carry-ins raise it; payments, refunds, carry-outs and cuts lower it. 无预算不支出 — no
/// payment without budget — means it may never be negative as of any date, so that a replay to
/// any date shows a project within its budget, whatever order events were recorded in.
///
/// The balance at the end of each date is kept, in date order, so that recording and checking
/// cost one pass over the dates (at most a year's worth) rather than a sort.
public struct BalanceTimeline: Equatable, Sendable {
    /// Dates on which the balance moved, ascending.
    public private(set) var dates: [BusinessDate] = []
    /// The balance at the end of each of `dates`.
    public private(set) var balanceFen: [Int64] = []
    /// The last event that moved the balance on each date, to name a line when it is wrong.
    public private(set) var lastSeq: [Int64] = []

    /// Movements taken in while a whole journal is folded, not yet in the arrays above: inserting
    /// each into its date's place costs a pass over the later dates, and a condensed journal's
    /// totals come in no date order. `settle()` puts them all in at once.
    private var pending: [(date: BusinessDate, fen: Int64, seq: Int64)] = []
    /// Where `record` last recorded: a place in `dates`, or past them.
    private var lastRecorded = 0

    public init() {}

    public static func == (a: BalanceTimeline, b: BalanceTimeline) -> Bool {
        var a = a, b = b
        a.settle(); b.settle()
        return a.dates == b.dates && a.balanceFen == b.balanceFen && a.lastSeq == b.lastSeq
    }

    /// As `record`, but only noted until `settle()`; nothing may ask the timeline anything between.
    mutating func recordLater(_ fen: Int64, on date: BusinessDate, seq: Int64) {
        pending.append((date, fen, seq))
    }

    /// Puts the noted movements in: the same arrays as recording each in turn would give.
    mutating func settle() {
        guard !pending.isEmpty else { return }
        pending.sort { $0.date < $1.date }
        var settledDates: [BusinessDate] = [], settledBalances: [Int64] = [], settledLastSeqs: [Int64] = []
        settledDates.reserveCapacity(dates.count + pending.count)
        settledBalances.reserveCapacity(dates.count + pending.count)
        settledLastSeqs.reserveCapacity(dates.count + pending.count)
        var old = 0, new = 0
        var running: Int64 = 0, oldBalance: Int64 = 0
        while old < dates.count || new < pending.count {
            let date = new == pending.count || (old < dates.count && dates[old] < pending[new].date) ? dates[old] : pending[new].date
            var last = Int64.min
            if old < dates.count && dates[old] == date {
                running &+= balanceFen[old] &- oldBalance
                oldBalance = balanceFen[old]
                last = lastSeq[old]
                old += 1
            }
            while new < pending.count && pending[new].date == date {
                running &+= pending[new].fen
                last = max(last, pending[new].seq)
                new += 1
            }
            settledDates.append(date); settledBalances.append(running); settledLastSeqs.append(last)
        }
        dates = settledDates; balanceFen = settledBalances; lastSeq = settledLastSeqs
        pending = []
    }

    /// The first index whose date is on or after `date`.
    private func index(of date: BusinessDate) -> Int {
        // Most movements come in date order: on the last date, or after it.
        if let last = dates.last {
            if last == date { return dates.count - 1 }
            if last < date { return dates.count }
        }
        var low = 0, high = dates.count
        while low < high {
            let middle = (low + high) / 2
            if dates[middle] < date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public mutating func record(_ fen: Int64, on date: BusinessDate, seq: Int64) {
        // Payments come in runs of one date, often before a date already recorded (a budget
        // approved for the months ahead): the last date recorded is tried before a bisection.
        let start = lastRecorded < dates.count && dates[lastRecorded] == date ? lastRecorded : index(of: date)
        lastRecorded = start
        if start == dates.count || dates[start] != date {
            dates.insert(date, at: start)
            balanceFen.insert(start > 0 ? balanceFen[start - 1] : 0, at: start)
            lastSeq.insert(seq, at: start)
        }
        lastSeq[start] = max(lastSeq[start], seq)
        // Every later date moves too: a budget approved for the months ahead leaves a score of
        // dates after each payment, so this runs over them as one loop the compiler can widen.
        balanceFen.withUnsafeMutableBufferPointer { balances in
            for position in start..<balances.count { balances[position] &+= fen }
        }
    }

    /// The first date on or after `date` at which the balance would fall below zero if `fen`
    /// moved it on `date`, with the balance there before the move; nil when it never would.
    public func firstShortfall(adding fen: Int64, on date: BusinessDate) -> (date: BusinessDate, balanceFen: Int64)? {
        let start = index(of: date)
        if start == dates.count || dates[start] != date {
            let before = start > 0 ? balanceFen[start - 1] : 0
            if before + fen < 0 { return (date, before) }
        }
        for position in start..<dates.count where balanceFen[position] + fen < 0 {
            return (dates[position], balanceFen[position])
        }
        return nil
    }

    /// The first date on which the balance is below zero, with the balance and the last event
    /// that moved it that day; nil when it never is.
    public func firstOverdraft() -> (date: BusinessDate, balanceFen: Int64, seq: Int64)? {
        guard let position = balanceFen.firstIndex(where: { $0 < 0 }) else { return nil }
        return (dates[position], balanceFen[position], lastSeq[position])
    }
}
