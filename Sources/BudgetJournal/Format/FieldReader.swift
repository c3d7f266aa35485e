import BudgetModel

/// Why a journal line is not a valid event, without the line number: the reader adds that.
public struct LineProblem: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Reads typed members of one JSON object, and insists at the end that nothing unknown was
/// left over: an unexpected member means the line was not written by this ledger.
struct FieldReader {
    let object: JSONObject
    private(set) var used: Set<String> = []

    init(_ object: JSONObject) { self.object = object }

    mutating func text(_ key: String) throws(LineProblem) -> String {
        guard let value = try optionalText(key) else { throw LineProblem("missing \"\(key)\"") }
        return value
    }

    mutating func optionalText(_ key: String) throws(LineProblem) -> String? {
        used.insert(key)
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else { throw LineProblem("\"\(key)\" must be a string") }
        if let problem = FreeText.problem(with: text) { throw LineProblem("\"\(key)\" \(problem)") }
        return text
    }

    mutating func identifier(_ key: String) throws(LineProblem) -> String {
        let value = try text(key)
        if let problem = Identifier.problem(with: value) { throw LineProblem("\"\(key)\" \(problem)") }
        return value
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws(LineProblem) -> Int64 {
        used.insert(key)
        guard case .number(let literal)? = object[key] else { throw LineProblem("missing integer \"\(key)\"") }
        guard literal.count <= 19, let value = Int64(literal), range.contains(value) else {
            throw LineProblem("\"\(key)\" is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    mutating func money(_ key: String, signed: Bool = false) throws(LineProblem) -> Money {
        let literal = try text(key)
        // The writer always gives plain yuan with two decimals; anything else was not written by it.
        let bytes = Array(literal.utf8)
        guard bytes.count >= 4, bytes[bytes.count - 3] == UInt8(ascii: "."), !literal.contains(",") else {
            throw LineProblem("\"\(key)\" is not an amount with two decimals")
        }
        let money: Money
        do { money = try AmountParser.parse(literal, signed: signed) } catch { throw LineProblem("\"\(key)\": \(error)") }
        guard money.fen != 0 else { throw LineProblem("\"\(key)\" must not be zero") }
        return money
    }

    mutating func points(_ key: String) throws(LineProblem) -> Points {
        let literal = try text(key)
        let points: Points
        do { points = try Points.parse(literal) } catch { throw LineProblem("\"\(key)\": \(error)") }
        // The writer spells points one way ("12.5", never "12.50" or "012.5"), so a line has
        // exactly one valid form, as with the lowercase hashes.
        guard points.text == literal else { throw LineProblem("\"\(key)\" is not points as the writer spells them: \(literal)") }
        return points
    }

    mutating func source(_ key: String = "source") throws(LineProblem) -> FundSource {
        let raw = try text(key)
        guard let source = FundSource(rawValue: raw) else { throw LineProblem("\"\(key)\" is not a fund source: \(raw)") }
        return source
    }

    mutating func date(_ key: String) throws(LineProblem) -> BusinessDate {
        let raw = try text(key)
        guard let date = BusinessDate(raw) else { throw LineProblem("\"\(key)\" is not a valid date: \(raw)") }
        return date
    }

    mutating func nested(_ key: String) throws(LineProblem) -> JSONObject {
        used.insert(key)
        guard case .object(let inner)? = object[key] else { throw LineProblem("missing object \"\(key)\"") }
        return inner
    }

    func rejectUnknownMembers() throws(LineProblem) {
        for member in object.members where !used.contains(member.key) {
            throw LineProblem("unexpected member \"\(member.key)\"")
        }
    }
}
