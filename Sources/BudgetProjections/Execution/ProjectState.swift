import BudgetModel

/// Everything the journal says about one project at a point of replay: its header, its fund
/// block and its indicators, in the order they were defined.
public struct ProjectState: Equatable, Sendable {
    public let registration: ProjectRegistration
    public var funds = FundTable()
    public var indicators: [IndicatorState] = []
    /// The last event that changed this project.
    public var lastSeq: Int64

    public init(registration: ProjectRegistration, seq: Int64) {
        self.registration = registration
        self.lastSeq = seq
    }

    public var id: String { registration.project }

    public func indicatorIndex(_ id: String) -> Int? {
        indicators.firstIndex { $0.definition.indicator == id }
    }
}
