import BudgetModel

/// A project whose 执行率 trails 序时进度 at a date: its total fund row as of that date.
public struct ScheduleLag: Equatable, Sendable {
    public let registration: ProjectRegistration
    public let point: ExecutionCurve.Point
}

/// `budget report --behind`: the projects more than a threshold behind 序时进度 at the replayed
/// date. Spending that trails the calendar is the usual early warning that a budget will not be
/// executed; the threshold (10 percentage points by default) is a setting, not a rule.
public enum BehindSchedule {
    /// The default threshold, in basis points of a percent: 10 percentage points.
    public static let thresholdBasisPointsDefault: Int64 = 10_00

    /// Each of `projects` (already replayed to `date`) whose rate trails 序时进度 by strictly more
    /// than `thresholdBasisPoints`, in the order given. A project with no full-year budget has
    /// no rate and so is never listed.
    public static func lagging(_ projects: [ProjectState], at date: BusinessDate, thresholdBasisPoints: Int64) -> [ScheduleLag] {
        projects.compactMap { state in
            let point = ExecutionCurve.Point(date: date, year: state.registration.year, figures: state.funds.total)
            guard let lag = point.lagBasisPoints, lag > thresholdBasisPoints else { return nil }
            return ScheduleLag(registration: state.registration, point: point)
        }
    }
}
