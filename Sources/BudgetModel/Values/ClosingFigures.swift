import BudgetText
import BudgetJSON

/// One fund source of a project as its year closed: what the closing event states, so that a
/// year's figures can be read from its close without replaying it, and checked against a replay.
public struct ClosingFigures: Equatable, Sendable {
    public let fullYear: Money
    public let executed: Money
    public let carriedOver: Money
    public let refunded: Money
    /// 结余: the full-year budget less what was executed and carried over.
    public let balance: Money

    public static let keys = ["fullYear", "executed", "carriedOver", "refunded", "balance"]

    public init(fullYear: Money, executed: Money, carriedOver: Money, refunded: Money, balance: Money) {
        self.fullYear = fullYear; self.executed = executed; self.carriedOver = carriedOver; self.refunded = refunded; self.balance = balance
    }

    var amounts: [Money] { [fullYear, executed, carriedOver, refunded, balance] }
    public var isZero: Bool { amounts.allSatisfy { $0.fen == 0 } }
}

extension ClosingFigures: FieldValue {
    public var fieldJSON: JSONValue {
        .object(JSONObject(zip(Self.keys, amounts).map { ($0, .string($1.yuanText)) }))
    }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        guard case .object(let object) = json, object.members.map(\.key) == Self.keys else {
            throw FieldProblem(Message(.mustBeObjectOf, key, Self.keys.joined(separator: ", ")))
        }
        var amounts: [Money] = []
        for name in Self.keys { amounts.append(try Money(fieldJSON: object[name]!, key: "\(key).\(name)")) }
        self.init(fullYear: amounts[0], executed: amounts[1], carriedOver: amounts[2], refunded: amounts[3], balance: amounts[4])
    }
}
