import BudgetModel

/// 序时进度: the share of a fiscal year elapsed at a date, the yardstick against which spending is
/// judged to keep pace. It counts the date itself: day of the year (1-based) ÷ days in the year,
/// rounded half-up to 0.01% like an execution rate, so that the two can be compared as printed.
/// 31 January 2023 is 31 ÷ 365 = 8.4931…% → 8.49%; 31 December is 100%. A date before the year
/// gives 0, a date after it 100%.
public enum ElapsedShare {
    public static func of(_ date: BusinessDate, inYear year: Int) -> Rate {
        if date.year < year { return Rate(basisPoints: 0) }
        if date.year > year { return Rate(basisPoints: 10_000) }
        let days = Int128(BusinessDate.isLeap(year) ? 366 : 365)
        let elapsed = Int128(date.dayOfYear + 1)
        return Rate(basisPoints: Int64(Rounding.divideHalfUp(elapsed * 10_000, by: days)))
    }
}
