/// Why a member of a journal line does not hold a valid value, said without the line number:
/// the reader adds that.
public struct FieldProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
