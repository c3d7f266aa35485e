import BudgetModel

extension FundFigures {
    /// Takes in one movement of one of the figures. Admission bounds a project's gross movement
    /// well inside Int64, so these running sums cannot overflow.
    mutating func add(_ movement: Movement) {
        switch movement.figure {
        case .approved, .carriedIn: initial.add(movement.fen)
        case .adjusted: adjusted.add(movement.fen)
        case .refunded: refunded.add(movement.fen)
        case .executed: executed.add(movement.fen)
        case .carriedOut: carriedOut.add(movement.fen)
        }
    }
}
