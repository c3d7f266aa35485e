import BudgetText
import BudgetJSON

/// A value that can stand in a member of a journal line. Each has exactly one spelling: what
/// `fieldJSON` writes is the only thing `init(fieldJSON:key:)` accepts, so that a line has one
/// valid form and an edit that keeps its meaning still breaks its hash.
public protocol FieldValue: Equatable, Sendable {
    var fieldJSON: JSONValue { get }
    /// Reads the value back; `key` names the member in the message of a refusal.
    init(fieldJSON: JSONValue, key: String) throws(FieldProblem)
    /// What a missing member is called: `missing integer "year"`. Empty for text.
    static var fieldKindName: Message { get }
    /// Why a value made in memory could not be written and read back; nil when it can.
    var fieldProblem: Message? { get }
}

extension FieldValue {
    public static var fieldKindName: Message { "" }
    public var fieldProblem: Message? { nil }
}

/// Reads the string of a member, refusing any other JSON type.
func fieldString(_ json: JSONValue, _ key: String) throws(FieldProblem) -> String {
    guard case .string(let text) = json else { throw FieldProblem(Message(.mustBeString, key)) }
    return text
}

extension String: FieldValue {
    public var fieldJSON: JSONValue { .string(self) }
    public var fieldProblem: Message? { FreeText.problem(with: self) }

    /// Free text: bounded and single-line (see `FreeText`). Read by the rule journals were
    /// always written by; written only by the stricter one (`fieldProblem`).
    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let text = try fieldString(json, key)
        if let problem = FreeText.readProblem(with: text) { throw FieldProblem(Message(.quotedFieldThen, key, problem)) }
        self = text
    }
}

extension Int64: FieldValue {
    public var fieldJSON: JSONValue { .number(String(self)) }
    public static var fieldKindName: Message { Message(.fieldKindInteger) }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        guard case .number(let literal) = json else { throw FieldProblem(Message(.missingInteger, key)) }
        guard literal.count <= 19, let value = Int64(literal), String(value) == literal else {
            throw FieldProblem(Message(.isNotIntegerAsWriter, key, literal))
        }
        self = value
    }
}

extension Int: FieldValue {
    public var fieldJSON: JSONValue { .number(String(self)) }
    public static var fieldKindName: Message { Message(.fieldKindInteger) }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        self = Int(try Int64(fieldJSON: json, key: key))
    }
}

extension Money: FieldValue {
    public var fieldJSON: JSONValue { .string(yuanText) }

    /// Yuan with two decimals, as `yuanText` writes it; zero and negative amounts are each
    /// field's own business (see `FieldCheck`).
    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        guard let money = try? AmountParser.parse(literal, signed: true), money.yuanText == literal else {
            throw FieldProblem(Message(.isNotAmountWithTwo, key, literal))
        }
        self = money
    }
}

extension Points: FieldValue {
    public var fieldJSON: JSONValue { .string(text) }

    /// Points are spelled one way ("12.5", never "12.50" or "012.5").
    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        guard let points = try? Points.parse(literal), points.text == literal else {
            throw FieldProblem(Message(.isNotPointsAsWriter, key, literal))
        }
        self = points
    }
}

extension BusinessDate: FieldValue {
    public var fieldJSON: JSONValue { .string(text) }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        guard let date = BusinessDate(literal) else { throw FieldProblem(Message(.isNotValidDate, key, literal)) }
        self = date
    }
}

extension Rate: FieldValue {
    public var fieldJSON: JSONValue { .string(percentText) }

    /// A percentage with exactly two decimals ("71.90"), as `percentText` writes it.
    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        let parts = literal.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...4).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let whole = Int64(parts[0]), let fraction = Int64(parts[1]),
              Rate(basisPoints: whole * 100 + fraction).percentText == literal
        else { throw FieldProblem(Message(.isNotPercentageWithTwo, key, literal)) }
        self = Rate(basisPoints: whole * 100 + fraction)
    }
}

/// A closed set of names (a fund source, a level, a grade): spelled as its raw value.
public protocol FieldChoice: FieldValue, CaseIterable, RawRepresentable where RawValue == String {}

extension FieldChoice {
    public var fieldJSON: JSONValue { .string(rawValue) }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        guard let value = Self(rawValue: literal) else {
            throw FieldProblem(Message(.isNot, key, Message.alternatives(Self.allCases.map(\.rawValue)), literal))
        }
        self = value
    }
}

extension FundSource: FieldChoice {}
extension IndicatorLevel: FieldChoice {}
extension Achievement: FieldChoice {}
extension Grade: FieldChoice {}
