import BudgetModel

/// One project's part of a condensed journal: the lines of its events that are not payments
/// (found again in the journal when needed), and its payments summed per source and date. An
/// event that moves two projects' money (a carry-over) is in the part of each.
public struct ProjectSummary: Equatable, Sendable {
    /// Ascending by seq.
    public private(set) var events: [LineRef] = []
    /// The payment totals by source and date; `totals` orders them.
    private var totalsByKey: [TotalKey: PaymentTotal] = [:]

    struct TotalKey: Hashable {
        let source: FundSource
        let date: BusinessDate
        let economicClass: String?
        let functionalClass: String?

        init(_ key: PaymentTotal.Key) {
            source = key.source; date = key.date; economicClass = key.economicClass; functionalClass = key.functionalClass
        }
    }

    public init() {}

    init(events: [LineRef], totals: [PaymentTotal]) {
        self.events = events
        for total in totals { totalsByKey[TotalKey(total.key)] = total }
    }

    /// The payment totals in the order of the last payment each sums.
    public var totals: [PaymentTotal] { totalsByKey.values.sorted { $0.lastSeq < $1.lastSeq } }

    /// The payment totals by project, source, date and classification.
    public var totalsByKeyValue: [PaymentTotal.Key: PaymentTotal] {
        Dictionary(uniqueKeysWithValues: totalsByKey.values.map { ($0.key, $0) })
    }

    public var totalCount: Int { totalsByKey.count }

    var isEmpty: Bool { events.isEmpty && totalsByKey.isEmpty }

    mutating func add(_ line: LineRef) {
        precondition(events.last.map { $0.seq < line.seq } ?? true, "a project's events are added in journal order")
        events.append(line)
    }

    mutating func add(_ payment: Disbursement, date: BusinessDate, seq: Int64) {
        let full = PaymentTotal.Key(project: payment.project, source: payment.source, date: date,
                                    economicClass: payment.economicClass, functionalClass: payment.functionalClass)
        totalsByKey[TotalKey(full), default: PaymentTotal(key: full)].add(payment.amount, seq: seq)
    }

    /// This part followed by `later`, which summarises the journal after it.
    func followed(by later: ProjectSummary) -> ProjectSummary {
        var merged = self
        for line in later.events { merged.add(line) }
        for (key, total) in later.totalsByKey { merged.totalsByKey[key, default: PaymentTotal(key: total.key)].merge(total) }
        return merged
    }
}
