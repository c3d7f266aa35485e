import BudgetText
import BudgetModel

/// Reads the cells of a self-evaluation form as people copy them from the paper: amounts in the
/// form's unit (`196.8` in a 万元 block), rates with or without `%`, points, and a dash or
/// nothing for a blank cell. Every failure names where the cell came from.
enum DeclaredCells {
    static let blanks: Set<String> = ["", "-", "—", "–", "－", "/"]

    static func isBlank(_ text: String) -> Bool { blanks.contains(text.trimmingSpaces) }

    /// In a 万元 block a bare number is 万元 and may have at most two decimals, as printed.
    static func amount(_ text: String, unit: DeclaredFundUnit, _ what: String) throws(UsageError) -> Money? {
        let cell = text.trimmingSpaces
        guard !isBlank(cell) else { return nil }
        var body = Substring(cell)
        if unit == .wan {
            if body.hasSuffix("万元") { body = body.dropLast(2) } else if body.hasSuffix("万") { body = body.dropLast() }
        }
        let money: Money
        do { money = try AmountParser.parse(unit == .wan ? String(body) + "万" : String(body)) } catch {
            throw UsageError("\(what): \(error)")
        }
        guard money.fen % unit.stepFen == 0 else { throw UsageError(.hasMoreThanTwoDecimals, what, cell, unit) }
        return money
    }

    /// `71.90%`, `71.9` or `0`: a percentage with at most two decimals.
    static func rate(_ text: String, _ what: String) throws(UsageError) -> Rate? {
        var cell = text.trimmingSpaces
        guard !isBlank(cell) else { return nil }
        if cell.hasSuffix("%") || cell.hasSuffix("％") { cell.removeLast() }
        let parts = cell.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.count <= 4, whole.allSatisfy(\.isPlainDigit), fraction.count <= 2,
              fraction.allSatisfy(\.isPlainDigit), parts.count == 1 || !fraction.isEmpty,
              let value = Int64(whole + fraction + String(repeating: "0", count: 2 - fraction.count))
        else { throw UsageError(.isNotRateWriteOr, what, text) }
        return Rate(basisPoints: value)
    }

    static func points(_ text: String, _ what: String) throws(UsageError) -> Points? {
        let cell = text.trimmingSpaces
        guard !isBlank(cell) else { return nil }
        do { return try Points.parse(cell) } catch { throw UsageError("\(what): \(error)") }
    }

    static func grade(_ text: String, _ what: String) throws(UsageError) -> Grade? {
        let cell = text.trimmingSpaces
        guard !isBlank(cell) else { return nil }
        guard let grade = Grade(rawValue: cell) else { throw UsageError(.isNotOr, what, text) }
        return grade
    }

    static func unit(_ text: String, _ what: String) throws(UsageError) -> DeclaredFundUnit {
        switch text.trimmingSpaces {
        case "万元", "万", "wan": return .wan
        case "元", "yuan": return .yuan
        default: throw UsageError(.isNotOr2, what, text)
        }
    }

    /// `INITIAL FULLYEAR EXECUTED [RATE]`, one row of the fund block, cells apart by spaces.
    static func row(_ text: String, unit: DeclaredFundUnit, _ what: String) throws(UsageError) -> DeclaredFigures {
        let cells = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (3...4).contains(cells.count) else {
            throw UsageError(.isNotINITIALFULLYEAREXECUTED, what, text)
        }
        return DeclaredFigures(
            initial: try amount(cells[0], unit: unit, "\(what) initial"), fullYear: try amount(cells[1], unit: unit, "\(what) full-year"),  // not prose: members of the declared form, as its JSON names them
            executed: try amount(cells[2], unit: unit, "\(what) executed"), rate: cells.count == 4 ? try rate(cells[3], "\(what) rate") : nil)  // not prose: members of the declared form, as its JSON names them
    }

    /// `out-01=2,out-02=1.5`: each indicator's score, in the form's order.
    static func scores(_ text: String, _ what: String) throws(UsageError) -> [DeclaredScore] {
        var scores: [DeclaredScore] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == "，" }) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard pair.count == 2 else { throw UsageError(.isNotINDPOINTS, what, item) }
            if let problem = Identifier.problem(with: pair[0]) { throw UsageError(.declaredIndicatorProblem, what, pair[0], problem) }
            guard let score = try points(pair[1], "\(what) \(pair[0])") else { throw UsageError(.hasNoScore, what, item) }
            guard !scores.contains(where: { $0.indicator == pair[0] }) else { throw UsageError(.indicatorIsGivenTwice, what, pair[0]) }
            scores.append(DeclaredScore(indicator: pair[0], score: score))
        }
        return scores
    }
}
