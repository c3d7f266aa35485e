import BudgetText

/// Reads amounts the way people write them on the forms: yuan with at most two decimals
/// (`1234.5`, `1,234.50`, `1234.50元`) or 万元 with the suffix 万 (`53.42万` = 534200.00 yuan,
/// at most six decimals so that the result is still whole fen).
public enum AmountParser {
    public enum Failure: Error, Equatable, CustomStringConvertible, Explained {
        case empty
        case notANumber(String)
        case tooManyDecimals(String, allowed: Int)
        case misplacedGrouping(String)
        case signNotAllowed(String)
        case tooLarge(String)

        public var description: String { explanation.description }

        public var explanation: Message {
            switch self {
            case .empty: return Message(.amountIsEmpty2)
            case .notANumber(let text): return Message(.isNotAmountWriteOr, text)
            case .tooManyDecimals(let text, let allowed): return Message(.hasMoreThanDecimals, text, allowed)
            case .misplacedGrouping(let text): return Message(.hasMisplacedThousandsSeparator, text)
            case .signNotAllowed(let text): return Message(.mustNotCarrySign, text)
            case .tooLarge(let text): return Message(.exceedsLimitOfYuan, text, Money(fen: Limits.amountFenMax).groupedYuanText)
            }
        }
    }

    /// Parses `text`. A leading `+` or `-` is accepted only when `signed` is true (adjustments).
    public static func parse(_ text: String, signed: Bool = false) throws(Failure) -> Money {
        if let plain = plainYuan(text) { return plain }
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= 64 else { throw .notANumber(String(text.prefix(20)) + "…") }
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            guard signed else { throw .signNotAllowed(text) }
            negative = first == "-"
            body = body.dropFirst()
        }
        var scaleWan = false
        if body.hasSuffix("万元") { body = body.dropLast(2); scaleWan = true }
        else if body.hasSuffix("万") { body = body.dropLast(); scaleWan = true }
        else if body.hasSuffix("元") { body = body.dropLast() }

        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeText = try ungroup(parts[0], original: text)
        let fractionText = parts.count == 2 ? parts[1] : ""
        guard !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit),
              fractionText.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fractionText.isEmpty
        else { throw .notANumber(text) }

        // 万 moves the decimal point four places, so six decimals of 万 are still whole fen.
        let decimalsAllowed = scaleWan ? 6 : 2
        guard fractionText.count <= decimalsAllowed else { throw .tooManyDecimals(text, allowed: decimalsAllowed) }
        let fenDigits = scaleWan ? 6 : 2
        let padded = fractionText + String(repeating: "0", count: fenDigits - fractionText.count)
        let digits = wholeText.drop(while: { $0 == "0" }) + padded
        // Any number longer than this is past the limit; checking length first keeps Int64 safe.
        guard digits.count <= 18, let magnitude = Int64(digits.isEmpty ? "0" : String(digits)),
              magnitude <= Limits.amountFenMax
        else { throw .tooLarge(text) }
        return Money(fen: negative ? -magnitude : magnitude)
    }

    /// The common case without building strings: digits, and at most two decimals after a point
    /// ("534253.73", "100"). Nil for anything else, which the general path then reads.
    static func plainYuan(_ text: String) -> Money? {
        var text = text
        return text.withUTF8 { plainYuan(utf8: $0) }
    }

    /// As `plainYuan`, from bytes: a batch import reads hundreds of thousands of amounts.
    public static func plainYuan(utf8 text: UnsafeBufferPointer<UInt8>) -> Money? {
        var fen: Int64 = 0
        var decimals = -1
        var digits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard decimals < 0, digits > 0 else { return nil }
                decimals = 0
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10, digits < 16, decimals < 2 else { return nil }
            fen = fen * 10 + Int64(digit)
            digits += 1
            if decimals >= 0 { decimals += 1 }
        }
        guard digits > 0, decimals != 0 else { return nil }
        for _ in 0..<(2 - max(decimals, 0)) { fen *= 10 }
        return fen <= Limits.amountFenMax ? Money(fen: fen) : nil
    }

    /// Removes thousands separators, insisting that they stand every three digits.
    private static func ungroup(_ whole: Substring, original: String) throws(Failure) -> String {
        guard whole.contains(",") else { return String(whole) }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { throw .misplacedGrouping(original) }
        return groups.joined()
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
