import BudgetText
import BudgetModel

/// Reads targets and actual values as the forms write them. A value is one or more parts
/// separated by `,` `，` `、` `;` or `；`; a part is optional words (a label), an optional sign
/// (≥ ≤ > < = or >= <=), a number with at most 15 whole digits and 6 decimals, an optional 万
/// (× 10,000), and an optional unit from a fixed list. Text with no digit at all is qualitative.
/// Anything else is unparseable and said to be so: a value is never guessed.
public enum IndicatorValueParser {
    /// Units of things counted or measured. 年 is here because targets such as `1人、1年` count years.
    public static let countUnits: [String] = [
        "本", "套", "个", "人", "天", "台", "项", "公里", "年", "次", "份", "件", "家", "名", "场", "期", "篇", "户", "辆", "小时",
    ]
    /// Every unit the parser accepts: the counts, percent, 元, and prices (元 per count, and per
    /// person-day written three ways). Two units are the same only when spelled the same:
    /// 元/人天 and 元/天/人 are not converted into each other.
    public static let units: Set<String> = {
        var all = Set(countUnits)
        all.formUnion(["%", "元", "元/天/人", "元/人天", "元/人/天"])
        all.formUnion(countUnits.map { "元/" + $0 })
        return all
    }()

    static let separators: Set<Character> = [",", "，", "、", ";", "；"]
    static let wholeDigitsMax = 15
    static let decimalsMax = 6

    public static func parse(_ raw: String) -> IndicatorValue {
        let text = normalised(raw)
        guard text.contains(where: \.isPlainDigit) else {
            return text.isEmpty ? .unparseable(Message(.valueIsEmpty)) : .text
        }
        var parts: [QuantityPart] = []
        for piece in text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            let trimmed = piece.trimmingSpaces
            guard !trimmed.isEmpty else { return .unparseable(Message(.hasEmptyPart, raw)) }
            switch part(Substring(trimmed)) {
            case .success(let parsed): parts.append(parsed)
            case .failure(let problem): return .unparseable("'\(raw)': \(problem.reason)")
            }
        }
        return .quantity(parts)
    }

    struct Problem: Error { let reason: Message }

    static func part(_ text: Substring) -> Result<QuantityPart, Problem> {
        var rest = text
        let label = String(rest.prefix { !$0.isPlainDigit && !isSignStart($0) }).trimmingSpaces
        rest = rest.drop { !$0.isPlainDigit && !isSignStart($0) }
        let sign = takeSign(&rest)
        rest = rest.drop(while: \.isWhitespace)
        guard rest.first?.isPlainDigit == true else {
            return .failure(Problem(reason: Message(.hasNoNumberWhereOne, text)))
        }
        let whole = rest.prefix(while: \.isPlainDigit)
        rest = rest.dropFirst(whole.count)
        var fraction: Substring = ""
        if rest.first == "." {
            fraction = rest.dropFirst().prefix(while: \.isPlainDigit)
            guard !fraction.isEmpty else { return .failure(Problem(reason: Message(.hasDecimalPointWithNo, text))) }
            rest = rest.dropFirst(1 + fraction.count)
        }
        guard whole.count <= wholeDigitsMax, fraction.count <= decimalsMax else {
            return .failure(Problem(reason: Message(.hasMoreThanDigitsOr, text, wholeDigitsMax, decimalsMax)))
        }
        let padded = fraction + String(repeating: "0", count: decimalsMax - fraction.count)
        guard var millionths = Int128(String(whole + padded)) else { return .failure(Problem(reason: Message(.isNotNumber, text))) }
        if rest.first == "万" { millionths *= 10_000; rest = rest.dropFirst() }
        let unitText = rest.trimmingSpaces
        if unitText.isEmpty { return .success(QuantityPart(label: label, sign: sign, value: ExactDecimal(millionths: millionths), unit: nil)) }
        guard units.contains(unitText) else { return .failure(Problem(reason: Message(.unknownUnit, unitText))) }
        return .success(QuantityPart(label: label, sign: sign, value: ExactDecimal(millionths: millionths), unit: unitText))
    }

    static func isSignStart(_ character: Character) -> Bool {
        character == "≥" || character == "≤" || character == ">" || character == "<" || character == "="
    }

    static func takeSign(_ rest: inout Substring) -> Comparison? {
        for (spelling, sign) in [(">=", Comparison.atLeast), ("<=", .atMost), ("≥", .atLeast), ("≤", .atMost),
                                 (">", .greater), ("<", .less), ("=", .equal)] where rest.hasPrefix(spelling) {
            rest = rest.dropFirst(spelling.count)
            return sign
        }
        return nil
    }

    /// Full-width digits and signs (０-９ ． ％ ＞ ＜ ＝) read as their ASCII forms; forms mix both.
    static func normalised(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0E, 0xFF05, 0xFF1C...0xFF1E:
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingSpaces
    }
}
