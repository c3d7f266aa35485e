import BudgetModel
import BudgetProjections

/// The fold behind an export: each event that moves money becomes a transaction, handed to
/// `emit` as it is made, while the accounts and the projects are gathered for the header.
public struct ExportBuilder: EventFold {
    private let emit: (ExportTransaction) -> Void
    private var opened: [LedgerAccount: BusinessDate] = [:]
    private var registrations: [ProjectRegistration] = []
    public private(set) var count = 0
    /// The last event folded in: the export runs through it.
    public private(set) var lastSeq: Int64 = 0

    public init(emit: @escaping (ExportTransaction) -> Void) { self.emit = emit }

    public mutating func apply(_ event: Event) {
        lastSeq = event.seq
        if case .projectRegistered(let registration) = event.body { registrations.append(registration) }
        guard let transaction = ExportTransaction(event) else { return }
        // An account opens on the date of its first posting in date order: the earliest.
        for posting in transaction.postings where opened[posting.account].map({ transaction.date < $0 }) ?? true {
            opened[posting.account] = transaction.date
        }
        count += 1
        emit(transaction)
    }

    public func export(asOf: BusinessDate?, transactions: [ExportTransaction] = []) -> LedgerExport {
        LedgerExport(accounts: opened, projects: registrations, asOf: asOf, seq: lastSeq, transactions: transactions)
    }
}
