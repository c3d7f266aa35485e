import BudgetText

/// 项目结账: one project's closing figures, per fund source, as its year closed. Written in the
/// batch of the year's `year.closed`, just before it.
public struct ProjectClose: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var year: Int
    public internal(set) var current: ClosingFigures?
    public internal(set) var carryover: ClosingFigures?
    public internal(set) var other: ClosingFigures?

    public init(project: String, year: Int, current: ClosingFigures?, carryover: ClosingFigures?, other: ClosingFigures?) {
        self.project = project; self.year = year; self.current = current; self.carryover = carryover; self.other = other
    }

    /// The figures of a source; nil for one the project never used.
    public subscript(source: FundSource) -> ClosingFigures? {
        switch source {
        case .current: return current
        case .carryover: return carryover
        case .other: return other
        }
    }
}

extension ProjectClose: ProjectPayload {
    public static let kind = EventKind(name: "project.closed", label: "项目结账")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("year", \.year, .range(Limits.yearRange)),
        .optional("current", \.current), .optional("carryover", \.carryover), .optional("other", \.other),
    ]
    public static let blank = ProjectClose(project: "", year: 0, current: nil, carryover: nil, other: nil)
    public static let isReversible = false
    public var body: EventBody { .projectClosed(self) }
    public var summary: Message {
        let parts = FundSource.allCases.compactMap { source in
            self[source].map { Message(.executedBalance, source.message, $0.executed.yuanText, $0.balance.yuanText) }
        }
        return Message(.closingFigures, year) + (parts.isEmpty ? Message(.noMoney) : parts.dropFirst().reduce(parts[0]) { $0 + "; " + $1 })
    }
    /// Dated on the close, which comes once the year is over, however long after.
    public var dateWindow: DateWindow { .yearEndOrLater }
}
