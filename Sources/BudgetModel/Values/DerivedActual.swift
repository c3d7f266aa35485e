import BudgetText
import BudgetJSON

/// A cost indicator (成本指标) whose actual value is the ledger's own: the sum of the project's
/// executed payments under some economic classification codes, or that sum divided by a count of
/// items (`sum class=30216 / 5`: the average cost of five training classes). A 类 code stands
/// for all its 款. Written in the journal as its text, `sum class=30211,30216 / 5`.
public struct DerivedActual: Hashable, Sendable, CustomStringConvertible {
    public let classes: [String]
    /// The count of items the sum is spread over; nil for the sum itself.
    public let divisor: Int?

    /// Counts past this are no count of a project's items.
    public static let divisorMax = 1_000_000
    public static let classesMax = 16

    public struct Problem: Error, Equatable, Explained {
        public let message: Message
        public var explanation: Message { message }
    }

    public var description: String {
        "sum class=" + classes.joined(separator: ",") + (divisor.map { " / \($0)" } ?? "")  // not prose: the rule's syntax, as the journal keeps it
    }

    /// The rule `text` states, or why it states none.
    public static func parse(_ text: String) -> Result<DerivedActual, Problem> {
        let example = Message(.writeItAsSumClass)
        var rest = Substring(text.trimmingSpaces)
        guard rest.hasPrefix("sum ") else { return .failure(Problem(message: Message(.doesNotBeginWithSum, text, example))) }  // not prose: the rule's syntax
        rest = Substring(String(rest.dropFirst(4)).trimmingSpaces)
        guard rest.hasPrefix("class=") else { return .failure(Problem(message: Message(.namesNoClass, text, example))) }
        rest = rest.dropFirst(6)
        var divisor: Int?
        if let slash = rest.firstIndex(of: "/") {
            let count = String(rest[rest.index(after: slash)...]).trimmingSpaces
            guard let value = Int(count), (1...divisorMax).contains(value) else {
                return .failure(Problem(message: Message(.afterIsNotCountOf, count, divisorMax)))
            }
            divisor = value
            rest = rest[..<slash]
        }
        let codes = rest.split(separator: ",").map { String($0).trimmingSpaces }
        guard !codes.isEmpty, codes.count <= classesMax else { return .failure(Problem(message: Message(.giveToCodesAfterClass, classesMax, example))) }
        for code in codes {
            guard ClassCatalogue.economic.name(of: code) != nil else {
                if case .failure(let problem) = ClassCatalogue.economic.code(for: code) { return .failure(Problem(message: problem.message)) }
                return .failure(Problem(message: Message(.isNotCodeOfEconomic, code)))
            }
        }
        guard Set(codes).count == codes.count else { return .failure(Problem(message: Message(.codeIsNamedTwiceIn, text))) }
        return .success(DerivedActual(classes: codes, divisor: divisor))
    }

    /// The executed money under the rule's codes, in fen, from a project's sums by code.
    public func sum_fen(_ sums: [String: Int64]) -> Int64 {
        sums.reduce(0) { total, entry in
            classes.contains { entry.key == $0 || ($0.count == 3 && entry.key.hasPrefix($0)) } ? total + entry.value : total
        }
    }

    /// The actual value as the form writes it, in the target's unit: `461100元`, `95894.6元/项`,
    /// `33.95万元`. The sum over a count is rounded half-up at the fen.
    public func value(_ sums: [String: Int64], target: String) -> String {
        let total_fen = sum_fen(sums)
        let fen = divisor.map { Self.dividedHalfUp(total_fen, by: Int64($0)) } ?? total_fen
        let unit = Self.unit(of: target)
        let text = unit.hasPrefix("万元") ? Self.plainDecimal(fen, decimals: 6) : Self.plainDecimal(fen, decimals: 2)
        return text + unit
    }

    /// `元/项` or `万元/人` as the target prices its item; else `万元` or `元`.
    public static func unit(of target: String) -> String {
        let characters = Array(target)
        for index in characters.indices where characters[index] == "元" {
            let money = index > 0 && characters[index - 1] == "万" ? "万元" : "元"
            if index + 2 < characters.count, characters[index + 1] == "/", !characters[index + 2].isNumber {
                return money + "/" + String(characters[index + 2])
            }
            return money
        }
        return "元"
    }

    static func dividedHalfUp(_ fen: Int64, by count: Int64) -> Int64 {
        let magnitude = (fen.magnitude * 2 + UInt64(count)) / (UInt64(count) * 2)
        return fen < 0 ? -Int64(magnitude) : Int64(magnitude)
    }

    /// `fen` in yuan (decimals 2) or 万元 (decimals 6), without trailing zeros: the form's style.
    static func plainDecimal(_ fen: Int64, decimals: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = fen.magnitude
        var text = (fen < 0 ? "-" : "") + String(magnitude / scale)
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }
}

extension DerivedActual: FieldValue {
    public var fieldJSON: JSONValue { .string(description) }

    /// Read back only as the writer spells it.
    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        let literal = try fieldString(json, key)
        guard case .success(let rule) = DerivedActual.parse(literal), rule.description == literal else {
            throw FieldProblem(Message(.isNotDerivedActualAs, key, literal))
        }
        self = rule
    }
}
