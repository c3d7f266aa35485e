import BudgetModel

/// An event recorded after its business date's month had ended (in China Standard Time, the
/// users' day): a late entry, such as a December payment posted in March. `trace` marks it.
public enum LateEntry {
    /// The day (UTC+8) the event was recorded on, when that is after the end of its business
    /// date's month; nil when it is not late, or its `recorded` cannot be read.
    public static func recordedDay(ifLate event: Event) -> BusinessDate? {
        guard let day = chinaDay(of: event.recorded) else { return nil }
        let monthEnd = BusinessDate(year: event.date.year, month: event.date.month,
                                    day: BusinessDate.daysIn(month: event.date.month, year: event.date.year))!
        return day > monthEnd ? day : nil
    }

    /// The calendar day in UTC+8 of a `YYYY-MM-DDTHH:MM:SSZ` timestamp.
    static func chinaDay(of timestamp: String) -> BusinessDate? {
        guard timestamp.utf8.count == 20, let date = BusinessDate(String(timestamp.prefix(10))),
              let hour = Int(timestamp.dropFirst(11).prefix(2)) else { return nil }
        guard hour + 8 >= 24 else { return date }
        if date.day < BusinessDate.daysIn(month: date.month, year: date.year) { return BusinessDate(year: date.year, month: date.month, day: date.day + 1) }
        return date.month < 12 ? BusinessDate(year: date.year, month: date.month + 1, day: 1) : BusinessDate(year: date.year + 1, month: 1, day: 1)
    }
}
