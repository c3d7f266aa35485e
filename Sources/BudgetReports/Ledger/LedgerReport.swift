import BudgetModel
import BudgetProjections

/// Which projects a report covers, and at what point of replay.
public struct ReportOptions: Equatable, Sendable {
    /// Project ids to include, in this order; empty means every project.
    public var projects: [String] = []
    /// Only projects of this fiscal year.
    public var year: Int?
    public var point = ReplayPoint.end
    /// A policy to score by instead of the one the journal has in force at the point; nil
    /// (the default) scores by the journal's.
    public var policy: ScoringPolicy?

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
    /// The policy the projects were scored by.
    public let policy: ScoringPolicy
    /// Only the events recorded by this UTC time, when the replay is "as known then".
    public let knownAt: String?
    /// The close of each fiscal year the projects belong to, where the replay has one.
    public let years: [YearStatus]

    public init(events: [Event], options: ReportOptions) {
        self.init(projection: Replay.projection(of: events, to: options.point), options: options)
    }

    /// The report of a projection already replayed to `options.point`.
    public init(projection: LedgerProjection, options: ReportOptions) {
        let ids = options.projects.isEmpty ? projection.order : options.projects
        asOf = options.point.asOf
        knownAt = options.point.knownAt
        let policy = options.policy ?? projection.policy
        self.policy = policy
        seq = projection.lastSeq
        projects = ids.compactMap { projection.projects[$0] }
            .filter { options.year == nil || $0.registration.year == options.year }
            .map { ProjectReport(state: $0, scorecard: Scorecard($0, policy: policy)) }
        years = Set(projects.map(\.state.registration.year)).sorted().compactMap { projection.years[$0] }
    }
}
