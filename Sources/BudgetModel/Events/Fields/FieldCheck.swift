import BudgetText

/// A rule one field's value must satisfy beyond its spelling: an id's characters, a positive
/// amount, a range. It gives the reason a value breaks it, worded to follow the field's name.
public struct FieldCheck<Value>: Sendable {
    public let problem: @Sendable (Value) -> Message?

    public init(_ problem: @escaping @Sendable (Value) -> Message?) { self.problem = problem }
}

extension FieldCheck where Value == String {
    /// Ids of projects, indicators and events (see `Identifier`).
    public static let identifier = FieldCheck { Identifier.problem(with: $0) }
    /// A classification code as a journal keeps it (see `ClassCode`); whether the catalogue knows
    /// it is asked when it is recorded.
    public static let classCode = FieldCheck { ClassCode.isWellFormed($0) ? nil : Message(.isNotCodeOfThree) }
    /// A treasury voucher number (支付凭证号): free text, not blank, at most 64 bytes.
    public static let voucher = FieldCheck { text in
        if text.utf8.count > Limits.voucherBytesMax { return Message(.isLongerThanBytes, Limits.voucherBytesMax) }
        return text.allSatisfy(\.isWhitespace) ? Message(.isBlank2) : nil
    }
}

extension FieldCheck where Value == Money {
    /// Approvals, payments, refunds and carry-overs move a positive amount. (Every amount is
    /// within `Limits.amountFenMax`: `AmountParser` sees to that.)
    public static let positive = FieldCheck { $0.fen > 0 ? nil : Message(.mustBePositive) }
    /// An adjustment goes either way, but a change of zero is no change.
    public static let nonZero = FieldCheck { $0.fen != 0 ? nil : Message(.mustNotBeZero) }
    /// A figure as a form prints it: zero is a figure, a negative one is not.
    public static let notNegative = FieldCheck { $0.fen >= 0 ? nil : Message(.mustNotBeNegative) }
}

extension FieldCheck where Value == Int64 {
    public static func range(_ range: ClosedRange<Int64>) -> FieldCheck {
        FieldCheck { range.contains($0) ? nil : Message(.isNotIntegerIn, range.lowerBound, range.upperBound) }
    }
}

extension FieldCheck where Value == Int {
    public static func range(_ range: ClosedRange<Int>) -> FieldCheck {
        FieldCheck { range.contains($0) ? nil : Message(.isNotIntegerIn, range.lowerBound, range.upperBound) }
    }
}
