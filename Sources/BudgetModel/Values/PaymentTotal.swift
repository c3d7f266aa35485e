/// The payments of one project's fund source on one date, summed: what a journal's payments
/// condense to (see the journal's checkpoint), since a payment's only effect is to add its amount
/// on its date. A fold of figures takes these in place of the payments themselves.
public struct PaymentTotal: Equatable, Sendable {
    public struct Key: Hashable, Sendable {
        public let project: String
        public let source: FundSource
        public let date: BusinessDate
        /// The payments' economic and functional classification codes, when they carry them: a
        /// report by classification needs the sums apart.
        public let economicClass: String?
        public let functionalClass: String?

        public init(project: String, source: FundSource, date: BusinessDate, economicClass: String? = nil, functionalClass: String? = nil) {
            self.project = project; self.source = source; self.date = date
            self.economicClass = economicClass; self.functionalClass = functionalClass
        }
    }

    public let key: Key
    public private(set) var amount = Money.zero
    public private(set) var count = 0
    /// The seq of the last payment summed.
    public private(set) var lastSeq: Int64 = 0

    public init(key: Key) { self.key = key }

    public init(key: Key, amount: Money, count: Int, lastSeq: Int64) {
        self.key = key; self.amount = amount; self.count = count; self.lastSeq = lastSeq
    }

    public mutating func merge(_ other: PaymentTotal) {
        amount = Money(fen: amount.fen &+ other.amount.fen)
        count += other.count
        lastSeq = max(lastSeq, other.lastSeq)
    }

    public mutating func add(_ money: Money, seq: Int64) {
        // Admission bounds a project's gross movement far inside Int64, so this cannot overflow.
        amount = Money(fen: amount.fen &+ money.fen)
        count += 1
        lastSeq = max(lastSeq, seq)
    }
}

extension PaymentTotal {
    /// What the summed payments move: 全年执行数 of the project's source.
    public var movement: Movement {
        Movement(project: key.project, source: key.source, figure: .executed, fen: amount.fen)
    }
}
