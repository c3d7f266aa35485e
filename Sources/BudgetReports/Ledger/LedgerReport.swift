import BudgetModel
import BudgetProjections

/// Which projects a report covers, and at what point of replay.
public struct ReportOptions: Equatable, Sendable {
    /// Project ids to include, in this order; empty means every project.
    public var projects: [String] = []
    /// Only projects of this fiscal year.
    public var year: Int?
    public var point = ReplayPoint.end
    public var policy = ScoringPolicy.standard

    public init(projects: [String] = [], year: Int? = nil, point: ReplayPoint = .end) {
        self.projects = projects; self.year = year; self.point = point
    }
}

/// One project's form: its state and its scores.
public struct ProjectReport: Equatable, Sendable {
    public let state: ProjectState
    public let scorecard: Scorecard
}

/// `budget report`: the self-evaluation form of each project, replayed to a point. A pure
/// function of the events and the options; the renderers only format it.
public struct LedgerReport: Equatable, Sendable {
    public let asOf: BusinessDate?
    /// The last event the replay applied.
    public let seq: Int64
    public let projects: [ProjectReport]
    public let policy: ScoringPolicy

    public init(events: [Event], options: ReportOptions) {
        let projection = Replay.projection(of: events, to: options.point)
        let ids = options.projects.isEmpty ? projection.order : options.projects
        asOf = options.point.asOf
        policy = options.policy
        seq = projection.lastSeq
        projects = ids.compactMap { projection.projects[$0] }
            .filter { options.year == nil || $0.registration.year == options.year }
            .map { ProjectReport(state: $0, scorecard: Scorecard($0, policy: options.policy)) }
    }
}
