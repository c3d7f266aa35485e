import BudgetText

/// Why a member of a journal line does not hold a valid value, said without the line number:
/// the reader adds that.
public struct FieldProblem: Error, Equatable, Sendable, CustomStringConvertible, Explained {
    public let reason: Message
    public init(_ reason: Message) { self.reason = reason }
    public var explanation: Message { reason }
    public var description: String { reason.description }
}
