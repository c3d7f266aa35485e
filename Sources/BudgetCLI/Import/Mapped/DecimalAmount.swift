import BudgetText
import BudgetModel

/// An amount as a file people have writes it, read exactly into fen: a text cell
/// (`53,420.10`, `53420.10元`, `5.342万元`) or a number cell, whose binary double a spreadsheet
/// writes as its shortest decimal (`53420.099999999999`, `1.5E-2`). The digits are scaled by
/// the unit (元: two decimals are fen; 万元: six) and rounded half-up at the fen — never through
/// a Double.
enum DecimalAmount {
    struct Problem: Error {
        let reason: Message
    }

    /// Fen, or why the text is no amount.
    static func fen(_ text: String, unit: ImportMap.AmountUnit) -> Result<Int64, Problem> {
        let tooLarge = Problem(reason: Message(.isLargerThanLimitOf, Money(fen: Limits.amountFenMax).groupedYuanText))
        var rest = Substring(text.trimmingSpaces)
        var scale = unit.scale
        if rest.hasSuffix("万元") { rest = rest.dropLast(2); scale = ImportMap.AmountUnit.wan.scale }
        else if rest.hasSuffix("元") { rest = rest.dropLast(); scale = ImportMap.AmountUnit.yuan.scale }
        rest = Substring(String(rest).trimmingSpaces)
        if rest.first == "+" { rest = rest.dropFirst() }
        guard rest.first != "-" else { return .failure(Problem(reason: Message(.isNegativePaymentIsPositive))) }
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        var index = rest.startIndex
        var lastWasSeparator = false
        // Digits since the last thousands separator: each group after one has exactly three, so
        // a decimal comma (`1,5`) is refused rather than read as 15.
        var group = 0, separators = 0
        func groupsOK() -> Bool { separators == 0 || group == 3 }
        while index < rest.endIndex {
            let character = rest[index]
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(UInt8(digit))
                lastWasSeparator = false
                if pointAt == nil { group += 1 }
            } else if character == "." && pointAt == nil {
                guard groupsOK() else { return .failure(Problem(reason: Message(.isNotNumberThousandsAre))) }
                pointAt = digits.count
            } else if (character == "," || character == "，") && pointAt == nil && !digits.isEmpty && !lastWasSeparator {
                guard separators == 0 ? group <= 3 : group == 3 else { return .failure(Problem(reason: Message(.isNotNumberThousandsAre))) }
                separators += 1
                group = 0
                lastWasSeparator = true   // a thousands separator
            } else if (character == "E" || character == "e") && !digits.isEmpty {
                guard let value = Int(rest[rest.index(after: index)...]), abs(value) <= 30 else { return .failure(Problem(reason: Message(.isNotNumber2))) }
                exponent = value
                break
            } else {
                return .failure(Problem(reason: Message(.isNotNumber2)))
            }
            index = rest.index(after: index)
        }
        guard !digits.isEmpty, !lastWasSeparator else { return .failure(Problem(reason: Message(.isNotNumber2))) }
        guard pointAt != nil || exponent != 0 || groupsOK() else { return .failure(Problem(reason: Message(.isNotNumberThousandsAre))) }
        // The value is digits × 10^(exponent − fraction digits); in fen, × 10^scale more. The
        // digits at or above the fen are kept; the first below it rounds them, half-up.
        let shift = exponent - (digits.count - (pointAt ?? digits.count)) + scale
        let kept = min(digits.count, digits.count + shift)
        var fen: Int64 = 0
        for digit in digits.prefix(max(0, kept)) {
            let (times, overflow) = fen.multipliedReportingOverflow(by: 10)
            guard !overflow, times <= Limits.amountFenMax * 10 else { return .failure(tooLarge) }
            fen = times + Int64(digit)
        }
        for _ in 0..<max(0, shift) {
            guard fen <= Limits.amountFenMax else { return .failure(tooLarge) }
            fen *= 10
        }
        if kept >= 0, kept < digits.count, digits[kept] >= 5 { fen += 1 }
        guard fen <= Limits.amountFenMax else { return .failure(tooLarge) }
        return .success(fen)
    }
}
