import BudgetModel

/// A payment to write as a journal line, in its parts: what its `Event` holds but the recorded
/// time, which a piece of a batch shares (`EventPiece.payments`), and the box an event's body
/// takes. A batch of payments is encoded from these: an event made for every line, its body
/// boxed on one core and freed on the other, was a twentieth of an import's processor time.
public struct PaymentLine: Sendable {
    public let seq: Int64
    public let id: String
    public let date: BusinessDate
    public let payment: Disbursement
    /// Its reader's number for its project, or -1 (see `PaymentDraft.projectNumber`): the
    /// summary that takes in the line finds the project's part by it.
    public let projectNumber: Int

    public init(seq: Int64, id: String, date: BusinessDate, payment: Disbursement, projectNumber: Int = -1) {
        self.seq = seq; self.id = id; self.date = date; self.payment = payment; self.projectNumber = projectNumber
    }

    init(_ event: Event, _ payment: Disbursement) {
        self.init(seq: event.seq, id: event.id, date: event.date, payment: payment)
    }

    public func event(recorded: String) -> Event {
        Event(seq: seq, id: id, date: date, recorded: recorded, body: .disbursed(payment))
    }

    /// What a summary takes in of the line (see `JournalSummary.absorb(_:endingAt:)`).
    var figures: PaymentFigures { JournalSummary.figures(seq: seq, id: id, date: date, payment, projectNumber: projectNumber) }
}

/// What a summary takes in of a line a batch wrote: a payment's figures, or any other event.
public enum LineFact: Sendable {
    case event(Event)
    case payment(PaymentFigures)

    public var seq: Int64 {
        switch self {
        case .event(let event): event.seq
        case .payment(let figures): figures.seq
        }
    }
}
