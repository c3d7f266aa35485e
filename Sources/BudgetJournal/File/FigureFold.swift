import BudgetModel

/// What a read of figures folds a journal into, line by line in journal order: each payment as
/// its figures (see `PaymentFigures`), every other line as its event, each with the position
/// just past its line. The reader holds the fold as an `inout` value and calls its methods: a
/// fold written as closures over local variables has every access to those variables checked
/// for exclusivity at run time, twice a payment, which was a tenth of a cold read's folding.
public protocol FigureFold {
    mutating func take(_ event: Event, endingAt end: JournalPosition) throws
    mutating func take(_ payment: PaymentFigures, endingAt end: JournalPosition) throws
}

/// A fold of two closures, for callers (tests, small tools) to whom a million checked accesses
/// do not matter.
struct ClosureFold: FigureFold {
    let event: (Event, JournalPosition) throws -> Void
    let payment: (PaymentFigures, JournalPosition) throws -> Void

    func take(_ event: Event, endingAt end: JournalPosition) throws { try self.event(event, end) }
    func take(_ payment: PaymentFigures, endingAt end: JournalPosition) throws { try self.payment(payment, end) }

    /// Runs `body` with a fold of `event` and `payment`, which do not escape it.
    static func with<T>(event: (Event, JournalPosition) throws -> Void, payment: (PaymentFigures, JournalPosition) throws -> Void,
                        _ body: (inout ClosureFold) throws -> T) throws -> T {
        try withoutActuallyEscaping(event) { event in
            try withoutActuallyEscaping(payment) { payment in
                var fold = ClosureFold(event: event, payment: payment)
                return try body(&fold)
            }
        }
    }
}
