import BudgetModel

/// One project's part of a condensed journal: the lines of its events that are not payments
/// (found again in the journal when needed), and its payments summed per source and date. An
/// event that moves two projects' money (a carry-over) is in the part of each.
///
/// A part holds a total per source, date and classification: tens of thousands in a large
/// journal, absorbed once per payment. Each is kept as three small integers and its sums (the
/// classification codes numbered within the part), not as a key of strings: a quarter of the
/// memory, and no string hashed or retained per payment that has no code.
public struct ProjectSummary: Sendable {
    /// Ascending by seq.
    public internal(set) var events: [LineRef] = []
    /// The project every total is of, once one is added.
    private var project: String?
    /// The payment totals by packed key; `totals` orders them.
    private var sumsByKey = QuickTable<PackedKey, Sums>()
    /// The classification codes the keys name, numbered from 1 (0 is no code).
    private var codes = CodeNumbers()
    /// The key of the payment added last and where its total lies: a project's payments come in
    /// runs of one date and source, and each found again this way is not looked up.
    private var lastAdded: (key: PackedKey, index: Int)?

    struct PackedKey: Hashable, QuickHashable {
        /// The source in the top byte, the date below it (`dateNumber`).
        let sourceAndDate: UInt32
        let economicClass: UInt32
        let functionalClass: UInt32

        var quickHash: UInt64 {
            (UInt64(sourceAndDate) << 32 | UInt64(economicClass)) ^ UInt64(functionalClass) &* 0xFF51_AFD7_ED55_8CCD
        }
    }

    struct Sums {
        var fen: Int64
        var count: Int
        var lastSeq: Int64
    }

    /// Numbers for the distinct codes of one part: a project uses a handful of the catalogue's.
    struct CodeNumbers {
        private(set) var codes: [String] = []
        private var numbers: [String: UInt32] = [:]

        mutating func number(_ code: String?) -> UInt32 {
            guard let code else { return 0 }
            if let number = numbers[code] { return number }
            codes.append(code)
            let number = UInt32(codes.count)
            numbers[code] = number
            return number
        }

        func code(_ number: UInt32) -> String? { number == 0 ? nil : codes[Int(number) - 1] }
    }

    public init() {}

    /// A date as one number that orders as the date does: a month is 32 days, a year 13 months.
    static func dateNumber(_ date: BusinessDate) -> UInt32 {
        UInt32(date.year * 13 * 32 + date.month * 32 + date.day)
    }

    static func date(_ number: UInt32) -> BusinessDate {
        let value = Int(number & 0x00FF_FFFF)
        // Unpacks only what `dateNumber` packed from a valid date.
        return BusinessDate(year: value / (13 * 32), month: value / 32 % 13, day: value % 32)!
    }

    /// Adds a total read back from a checkpoint, all of one project; false when the part holds
    /// its key already (no checkpoint written repeats one). Its key is packed from its fields,
    /// not built as a key of strings and hashed whole for the check.
    mutating func addNewTotal(of project: String, source: FundSource, date: BusinessDate, economicClass: String?, functionalClass: String?,
                              fen: Int64, count: Int, lastSeq: Int64) -> Bool {
        if self.project == nil { self.project = project }
        let key = pack(source: source, date: date, economicClass: economicClass, functionalClass: functionalClass)
        // One probe: the total goes in unless its key is there, and the count says which.
        let before = sumsByKey.count
        _ = sumsByKey.index(of: key, inserting: Sums(fen: fen, count: count, lastSeq: lastSeq))
        return sumsByKey.count > before
    }

    private mutating func pack(_ key: PaymentTotal.Key) -> PackedKey {
        precondition(project == nil || project == key.project, "a part sums one project's payments")
        project = key.project
        return pack(source: key.source, date: key.date, economicClass: key.economicClass, functionalClass: key.functionalClass)
    }

    private mutating func pack(source: FundSource, date: BusinessDate, economicClass: String?, functionalClass: String?) -> PackedKey {
        precondition(date.year < 10_000, "a business date's year has four digits")
        return PackedKey(sourceAndDate: UInt32(source.ordinal) << 24 | Self.dateNumber(date),
                         economicClass: codes.number(economicClass), functionalClass: codes.number(functionalClass))
    }

    private func unpack(_ key: PackedKey, _ sums: Sums) -> PaymentTotal {
        let full = PaymentTotal.Key(project: project!, source: FundSource.allCases[Int(key.sourceAndDate >> 24)],
                                    date: Self.date(key.sourceAndDate), economicClass: codes.code(key.economicClass),
                                    functionalClass: codes.code(key.functionalClass))
        return PaymentTotal(key: full, amount: Money(fen: sums.fen), count: sums.count, lastSeq: sums.lastSeq)
    }

    /// The payment totals in the order of the last payment each sums.
    public var totals: [PaymentTotal] {
        sumsByKey.entries.sorted { $0.value.lastSeq < $1.value.lastSeq }.map { unpack($0.key, $0.value) }
    }

    /// The payment totals by project, source, date and classification.
    public var totalsByKeyValue: [PaymentTotal.Key: PaymentTotal] {
        Dictionary(uniqueKeysWithValues: sumsByKey.entries.map { key, sums in let total = unpack(key, sums); return (total.key, total) })
    }

    public var totalCount: Int { sumsByKey.count }

    var isEmpty: Bool { events.isEmpty && sumsByKey.isEmpty }

    mutating func add(_ line: LineRef) {
        precondition(events.last.map { $0.seq < line.seq } ?? true, "a project's events are added in journal order")
        events.append(line)
    }

    mutating func add(_ payment: PaymentFigures) {
        // As `pack` would, without making a key of strings for each payment.
        if project == nil { project = payment.project }
        precondition(project == payment.project, "a part sums one project's payments")
        precondition(payment.date.year < 10_000, "a business date's year has four digits")
        let key = PackedKey(sourceAndDate: UInt32(payment.source.ordinal) << 24 | Self.dateNumber(payment.date),
                            economicClass: codes.number(payment.economicClass), functionalClass: codes.number(payment.functionalClass))
        let index: Int
        if let lastAdded, lastAdded.key == key {
            index = lastAdded.index
        } else {
            index = sumsByKey.index(of: key, inserting: Sums(fen: 0, count: 0, lastSeq: 0))
            lastAdded = (key, index)
        }
        // Admission bounds a project's gross movement far inside Int64, so this cannot overflow.
        sumsByKey.update(at: index) { $0.add(payment.amount.fen, count: 1, lastSeq: payment.seq) }
    }

    /// This part followed by `later`, which summarises the journal after it.
    func followed(by later: ProjectSummary) -> ProjectSummary {
        var merged = self
        for line in later.events { merged.add(line) }
        for (key, sums) in later.sumsByKey.entries {
            let total = later.unpack(key, sums)
            merged.sumsByKey.update(merged.pack(total.key), from: Sums(fen: 0, count: 0, lastSeq: 0)) { $0.add(sums.fen, count: sums.count, lastSeq: sums.lastSeq) }
        }
        return merged
    }
}

extension ProjectSummary.Sums {
    mutating func add(_ fen: Int64, count: Int, lastSeq: Int64) {
        self.fen = self.fen &+ fen
        self.count += count
        self.lastSeq = max(self.lastSeq, lastSeq)
    }
}

extension ProjectSummary: Equatable {
    /// The same events and the same totals, whatever order their codes were first met in.
    public static func == (a: ProjectSummary, b: ProjectSummary) -> Bool {
        a.events == b.events && a.sumsByKey.count == b.sumsByKey.count && a.totalsByKeyValue == b.totalsByKeyValue
    }
}
