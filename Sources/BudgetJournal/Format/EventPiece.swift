import BudgetModel

/// A piece of an append: `count` events in seq order, each made when its line is encoded, on
/// whichever core encodes it, and dropped once its line is written. An import's payments were
/// built whole before they were encoded: on one core while the other waited, into a buffer of
/// 8.5 MB for every 50,000 payments, faulted in page by page. A piece of payments gives each as
/// its parts (`PaymentLine`), all recorded at one time, and no event is made for its lines.
///
/// `make` is called from two threads at once, once for each index, and must read only what
/// does not change meanwhile: hence `@unchecked Sendable`.
public struct EventPiece: @unchecked Sendable {
    public let count: Int
    /// One of the two is set: a piece of events, or of payments.
    private let make: ((Int) -> Event)?
    private let makePayment: ((Int) -> PaymentLine)?
    /// When the piece's payments were recorded; nil for a piece of events.
    let paymentsRecorded: String?
    /// Its lines, encoded ahead while the batch was checked, if they were (see `BatchEncoder.Ahead`).
    public var ahead: BatchEncoder.Ahead?

    /// Events already made.
    public init(_ events: [Event]) {
        self.init(count: events.count) { events[$0] }
    }

    public init(count: Int, make: @escaping (_ index: Int) -> Event) {
        self.count = count
        self.make = make
        makePayment = nil
        paymentsRecorded = nil
    }

    /// Payments recorded at `recorded`, each made as its line is encoded.
    public init(payments count: Int, recorded: String, make: @escaping (_ index: Int) -> PaymentLine) {
        self.count = count
        self.make = nil
        makePayment = make
        paymentsRecorded = recorded
    }

    public func event(at index: Int) -> Event {
        precondition(index >= 0 && index < count, "an event of the piece")
        if let make { return make(index) }
        return makePayment!(index).event(recorded: paymentsRecorded!)
    }

    /// The payment at `index` of a piece of payments (`paymentsRecorded` is set).
    func payment(at index: Int) -> PaymentLine {
        precondition(index >= 0 && index < count && makePayment != nil, "a payment of a piece of payments")
        return makePayment!(index)
    }
}
