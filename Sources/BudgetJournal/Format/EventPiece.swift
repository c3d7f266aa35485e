import BudgetModel

/// A piece of an append: `count` events in seq order, each made when its line is encoded, on
/// whichever core encodes it, and dropped once its line is written. An import's payments were
/// built whole before they were encoded: on one core while the other waited, into a buffer of
/// 8.5 MB for every 50,000 payments, faulted in page by page.
///
/// `make` is called from two threads at once, once for each index, and must read only what
/// does not change meanwhile: hence `@unchecked Sendable`.
public struct EventPiece: @unchecked Sendable {
    public let count: Int
    private let make: (Int) -> Event
    /// Its lines, encoded ahead while the batch was checked, if they were (see `BatchEncoder.Ahead`).
    public var ahead: BatchEncoder.Ahead?

    /// Events already made.
    public init(_ events: [Event]) {
        count = events.count
        make = { events[$0] }
    }

    public init(count: Int, make: @escaping (_ index: Int) -> Event) {
        self.count = count
        self.make = make
    }

    public func event(at index: Int) -> Event {
        precondition(index >= 0 && index < count, "an event of the piece")
        return make(index)
    }
}
