import BudgetModel

/// A spreadsheet's date serial as a date. Excel counts days from 1900-01-00 and, for Lotus 1-2-3's
/// sake, holds a 29 February 1900 that never was (serial 60); a workbook may instead count from
/// 1904-01-01 (old Mac Excel). A time of day is the serial's fraction and is dropped.
enum SerialDate {
    static func date(_ serial: String, date1904: Bool) -> BusinessDate? {
        day(serial, date1904: date1904).flatMap { BusinessDate(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// The calendar day of a serial, in any year (a ledger's dates keep to `Limits.yearRange`).
    static func day(_ serial: String, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        let whole = serial.prefix { $0 != "." }
        guard !whole.isEmpty, whole.count <= 7, whole.allSatisfy({ $0.isASCII && $0.isNumber }), let days = Int(whole) else { return nil }
        if date1904 { return civil(daysFromEpoch: daysFrom1970(1904, 1, 1) + days) }
        guard days >= 1, days != 60 else { return nil }
        // Past the false 29 February, each serial is a day ahead: count from 1899-12-30.
        return civil(daysFromEpoch: daysFrom1970(1899, 12, days > 60 ? 30 : 31) + days)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (civil_from_days).
    static func civil(daysFromEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
