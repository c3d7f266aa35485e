import BudgetText
import BudgetModel

/// Dates in indicator texts: a target that is a deadline (`2024年12月31日前`, `年底前`, `12月底`,
/// `6月30日之前`), and an actual that is a date (`2024年12月20日完成`). 年底 is 31 December of the
/// fiscal year; `12月` or `12月底` is the month's last day; a date without a year is in the fiscal
/// year. A date text that cannot be read is reported, never guessed.
enum DeadlineText {
    /// Words that make a dated target a deadline.
    static let deadlineMarks = ["前", "底"]

    enum Reading: Equatable {
        case date(BusinessDate)
        /// Looks like a date (digits with 年, 月 or 日) but is none: why.
        case unreadable(Message)
        case none
    }

    /// The deadline a target states, in the fiscal year `year`; `.none` when it states none.
    static func deadline(_ target: String, year: Int) -> Reading {
        guard deadlineMarks.contains(where: { target.contains($0) }), !statesQuantity(target) else { return .none }
        return date(in: target, year: year)
    }

    /// Whether a text holds a number that is no part of a date (`完成培训100人`, `完成率100%`):
    /// such a target is a quantity with a deadline beside it, scored by its quantity.
    static func statesQuantity(_ text: String) -> Bool {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isPlainDigit else { index += 1; continue }
            while index < characters.count, characters[index].isPlainDigit || characters[index] == "." { index += 1 }
            guard index < characters.count else { return true }
            if !"年月日号-/".contains(characters[index]) { return true }
            index += 1
        }
        return false
    }

    /// The first date a text states: `YYYY年M月D日`, `YYYY年M月`, `M月D日`, `M月`, `M月底`, `年底`,
    /// `YYYY年底`, `YYYY-MM-DD`, `YYYY/MM/DD`.
    static func date(in text: String, year fiscalYear: Int) -> Reading {
        let characters = Array(text)
        var index = 0
        func number() -> (value: Int, digits: Int)? {
            let start = index
            while index < characters.count, characters[index].isPlainDigit { index += 1 }
            let digits = index - start
            return digits == 0 || digits > 4 ? nil : (Int(String(characters[start..<index]))!, digits)
        }
        func next(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character else { return false }
            index += 1
            return true
        }
        func lastDay(_ year: Int, _ month: Int) -> Reading {
            guard (1...12).contains(month), let date = BusinessDate(year: year, month: month, day: BusinessDate.daysIn(month: month, year: year)) else {
                return .unreadable(Message(.isNoMonthLedgerCan, text, year, month))
            }
            return .date(date)
        }
        while index < characters.count {
            // 年底 / 年末, with or without the year before it.
            if characters[index] == "年", index + 1 < characters.count, characters[index + 1] == "底" || characters[index + 1] == "末" {
                let digits = characters[..<index].reversed().prefix { $0.isPlainDigit }
                return lastDay(digits.count == 4 ? Int(String(digits.reversed()))! : fiscalYear, 12)
            }
            guard characters[index].isPlainDigit else { index += 1; continue }
            // A number of five digits or more (an amount) is no part of a date: passed over.
            guard let first = number() else {
                while index < characters.count, characters[index].isPlainDigit { index += 1 }
                continue
            }
            if first.digits == 4, index < characters.count, characters[index] == "-" || characters[index] == "/" {
                let separator = characters[index]
                index += 1
                guard let month = number(), next(separator), let day = number() else { return .unreadable(Message(.isNoDate, text)) }
                guard let date = BusinessDate(year: first.value, month: month.value, day: day.value) else { return .unreadable(Message(.isNoDate, text)) }
                return .date(date)
            }
            var year = fiscalYear, month: Int
            if first.digits == 4, next("年") {
                year = first.value
                if index < characters.count, characters[index] == "底" || characters[index] == "末" { return lastDay(year, 12) }
                // A year alone (`2023年度已完成`) names no day to compare.
                guard let m = number(), next("月") else { return .none }
                month = m.value
            } else if first.digits <= 2, next("月") {
                month = first.value
            } else {
                continue
            }
            if index < characters.count, characters[index].isPlainDigit {
                guard let day = number(), next("日") || next("号") else { return .unreadable(Message(.dayWithNo, text)) }
                guard let date = BusinessDate(year: year, month: month, day: day.value) else {
                    return .unreadable(Message(.isNoDate2, text, year, month, day.value))
                }
                return .date(date)
            }
            return lastDay(year, month)
        }
        return .none
    }
}
