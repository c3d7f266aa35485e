import BudgetModel

/// The execution curves of every project, folded in one pass: each movement adds to the figures
/// of every point (month end) on or after its date. A point before the project's registration
/// date shows no figures, as `budget report --as-of` that date shows no project; from it on, a
/// point holds every movement dated by then, which is what the report folds. The curves run to
/// `asOf`, or, without one, to the end of each project's year.
public struct ExecutionCurves: LedgerFold {
    struct ProjectCurve {
        let registration: ProjectRegistration
        let registeredOn: BusinessDate
        let dates: [BusinessDate]
        var funds: [FundTable]

        /// Adds the movement to every point on or after its date.
        mutating func add(_ movement: Movement, on date: BusinessDate) {
            for index in dates.indices where dates[index] >= date { funds[index][movement.source].add(movement) }
        }
    }

    public let asOf: BusinessDate?
    private var curves: [String: ProjectCurve] = [:]
    /// Movements of projects whose registration has not been folded yet, with their dates. Every
    /// registration precedes its project's other events in the journal, so this stays empty for
    /// a whole journal; a replay to a seq could leave some.
    private var waiting: [String: [(date: BusinessDate, movement: Movement)]] = [:]

    public init(asOf: BusinessDate?) { self.asOf = asOf }

    public mutating func apply(_ event: Event) {
        if case .projectRegistered(let registration) = event.body, curves[registration.project] == nil {
            let dates = ExecutionCurve.dates(ofYear: registration.year, through: end(of: registration))
            curves[registration.project] = ProjectCurve(registration: registration, registeredOn: event.date, dates: dates,
                                                        funds: Array(repeating: FundTable(), count: dates.count))
            for (date, movement) in waiting.removeValue(forKey: registration.project) ?? [] { add(movement, on: date) }
        }
        for movement in event.body.movements { add(movement, on: event.date) }
    }

    public mutating func apply(_ total: PaymentTotal) {
        add(total.movement, on: total.key.date)
    }

    private mutating func add(_ movement: Movement, on date: BusinessDate) {
        guard let index = curves.index(forKey: movement.project) else {
            waiting[movement.project, default: []].append((date, movement))
            return
        }
        // Changed where it lies, not taken out and put back: two lookups fewer for every event
        // of a `form` (see `LedgerProjection.update`).
        curves.values[index].add(movement, on: date)
    }

    /// The curve of `project`; nil when no event folded registers it.
    public func curve(of project: String) -> ExecutionCurve? {
        guard let curve = curves[project] else { return nil }
        let points = zip(curve.dates, curve.funds).map { date, funds in
            ExecutionCurve.Point(date: date, year: curve.registration.year, figures: date >= curve.registeredOn ? funds.total : FundFigures())
        }
        return ExecutionCurve(project: project, name: curve.registration.name, year: curve.registration.year,
                              asOf: end(of: curve.registration), points: points)
    }

    private func end(of registration: ProjectRegistration) -> BusinessDate {
        asOf ?? BusinessDate.lastDay(of: registration.year)!
    }
}
