import BudgetModel

/// 执行进度: a project's cumulative 全年执行数 at each month end of its fiscal year, against its
/// 全年预算数 and against 序时进度 (the share of the year elapsed). Each point holds exactly the
/// figures `budget report --as-of` that date prints, so the curve and the report cannot disagree;
/// it is a pure function of the events (see `ExecutionCurves`).
public struct ExecutionCurve: Equatable, Sendable {
    /// The project's total fund row as of one date.
    public struct Point: Equatable, Sendable {
        public let date: BusinessDate
        /// 全年预算数 as of the date: adjustments and refunds move it during the year.
        public let fullYear: Money
        /// 全年执行数 as of the date: every payment dated by then.
        public let executed: Money
        /// 执行率 as of the date, nil while there is no full-year budget.
        public let rate: Rate?
        /// 序时进度 at the date.
        public let elapsed: Rate

        public init(date: BusinessDate, year: Int, figures: FundFigures) {
            self.date = date
            fullYear = figures.fullYear
            executed = figures.executed
            rate = figures.rate
            elapsed = ElapsedShare.of(date, inYear: year)
        }

        /// How far the rate trails 序时进度, in basis points of a percent (100 is one percentage
        /// point): positive when behind, negative when ahead, nil without a rate. Taken between
        /// the two figures as printed, each rounded to 0.01%.
        public var lagBasisPoints: Int64? { rate.map { elapsed.basisPoints - $0.basisPoints } }
    }

    public let project: String
    public let name: String
    public let year: Int
    /// The replay date: the last point is at this date, or at the year's end when it is later.
    public let asOf: BusinessDate
    /// One point per month end of the fiscal year up to `asOf`, then `asOf` itself when it falls
    /// inside a month; none when `asOf` is before the year.
    public let points: [Point]

    /// The curve of `project` replayed to `asOf`; nil when no event registers the project.
    public init?(project: String, events: [Event], asOf: BusinessDate) {
        var curves = ExecutionCurves(asOf: asOf)
        for event in events where event.date <= asOf { curves.apply(event) }
        guard let curve = curves.curve(of: project) else { return nil }
        self = curve
    }

    public init(project: String, name: String, year: Int, asOf: BusinessDate, points: [Point]) {
        self.project = project; self.name = name; self.year = year; self.asOf = asOf; self.points = points
    }

    /// The month ends of `year` up to `asOf`, and `asOf` itself when it falls inside the year
    /// and is not a month end.
    public static func dates(ofYear year: Int, through asOf: BusinessDate) -> [BusinessDate] {
        var dates: [BusinessDate] = []
        for month in 1...12 {
            guard let end = BusinessDate(year: year, month: month, day: BusinessDate.daysIn(month: month, year: year)) else { break }
            if end <= asOf {
                dates.append(end)
            } else {
                if asOf.year == year && asOf.month == month { dates.append(asOf) }
                break
            }
        }
        return dates
    }
}
