import BudgetModel

/// A piece of an append: `count` events in seq order, given whole, or payments each made when
/// its line is encoded, on whichever core encodes it, and dropped once its line is written. An
/// import's payments were built whole before they were encoded: on one core while the other
/// waited, into a buffer of 8.5 MB for every 50,000 payments, faulted in page by page. A piece of
/// payments gives each as its parts (`PaymentLine`), all recorded at one time, and no event is
/// made for its lines.
///
/// `makePayment` is called from two threads at once, once for each index, and must read only
/// what does not change meanwhile: hence `@unchecked Sendable`.
public struct EventPiece: @unchecked Sendable {
    public let count: Int
    /// A piece of events holds them; a piece of payments makes each.
    private let events: [Event]
    private let makePayment: ((Int) -> PaymentLine)?
    /// When the piece's payments were recorded; nil for a piece of events.
    let paymentsRecorded: String?
    /// Its lines, encoded ahead while the batch was checked, if they were (see `BatchEncoder.Ahead`).
    public var ahead: BatchEncoder.Ahead?

    /// Events already made.
    public init(_ events: [Event]) {
        count = events.count
        self.events = events
        makePayment = nil
        paymentsRecorded = nil
    }

    /// Payments recorded at `recorded`, each made as its line is encoded.
    public init(payments count: Int, recorded: String, make: @escaping (_ index: Int) -> PaymentLine) {
        self.count = count
        events = []
        makePayment = make
        paymentsRecorded = recorded
    }

    public func event(at index: Int) -> Event {
        precondition(index >= 0 && index < count, "an event of the piece")
        guard let makePayment else { return events[index] }
        return makePayment(index).event(recorded: paymentsRecorded!)
    }

    /// The payment at `index` of a piece of payments (`paymentsRecorded` is set).
    func payment(at index: Int) -> PaymentLine {
        precondition(index >= 0 && index < count && makePayment != nil, "a payment of a piece of payments")
        return makePayment!(index)
    }
}
