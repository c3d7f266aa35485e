/// What a payment line says that a fold of figures needs: its place, date, project, source,
/// amount and classification codes, and fingerprints of its client key and voucher; not its
/// payee, memo or recorded time. A large journal is nearly all payments, and a read that only
/// sums and checks them (a report without a checkpoint, `verify`) takes these instead of whole
/// events, so that no string is made for each line.
public struct PaymentFigures: Sendable {
    public let seq: Int64
    public let date: BusinessDate
    public let project: String
    public let source: FundSource
    public let amount: Money
    public let economicClass: String?
    public let functionalClass: String?
    /// The fingerprint (`Fingerprint.of`) of the line's client key, when it carries one rather
    /// than the `@seq` the ledger derives.
    public let keyFingerprint: UInt64?
    /// The fingerprint of the line's treasury voucher, when it carries one.
    public let voucherFingerprint: UInt64?
    /// A number the read gave the project, from 0, the same for each of its payments in that
    /// read (-1 for none): a fold may find its own record of the project by it, without hashing
    /// the id, as long as it checks the id is the one it found before.
    public let projectNumber: Int

    public init(seq: Int64, date: BusinessDate, project: String, source: FundSource, amount: Money, economicClass: String?,
                functionalClass: String?, keyFingerprint: UInt64?, voucherFingerprint: UInt64?, projectNumber: Int = -1) {
        self.seq = seq; self.date = date; self.project = project; self.source = source; self.amount = amount
        self.economicClass = economicClass; self.functionalClass = functionalClass
        self.keyFingerprint = keyFingerprint; self.voucherFingerprint = voucherFingerprint
        self.projectNumber = projectNumber
    }

    /// The payment's one movement, as `Disbursement.movements` gives it.
    public var movement: Movement { Disbursement.movement(project: project, source: source, amount: amount) }

    /// The business dates a payment may carry (see `Disbursement.dateWindow`).
    public static var dateWindow: DateWindow { Disbursement.blank.dateWindow }
}
