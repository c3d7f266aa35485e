import BudgetText

/// 年终结账: a fiscal year's books closed. From then on nothing may move money dated in that
/// year — no approval, adjustment, payment, refund or carry-over, nor the reversal or amend of
/// one — so the year's fund figures as of its last day never change again. Indicator actuals,
/// scores, goals and declared forms stay open: the self-evaluation comes after the books close.
/// Each project of the year states its closing figures in a `project.closed` event written
/// just before this one, in the same batch; this event's line is the head to publish.
public struct YearClose: Equatable, Sendable {
    public internal(set) var year: Int
    /// How many `project.closed` events precede this one in its batch.
    public internal(set) var projectCount: Int
    public internal(set) var reason: String?

    public init(year: Int, projectCount: Int, reason: String? = nil) {
        self.year = year; self.projectCount = projectCount; self.reason = reason
    }
}

extension YearClose: EventPayload {
    public static let kind = EventKind(name: "year.closed", label: "年终结账")
    public static let fields: [EventField<Self>] = [
        .required("year", \.year, .range(Limits.yearRange)), .required("projects", \.projectCount, .range(0...Limits.eventsMax)),
        .optional("reason", \.reason),
    ]
    public static let blank = YearClose(year: 0, projectCount: 0)
    /// A close is undone by `year.reopened`, which keeps both on the record.
    public static let isReversible = false
    public var body: EventBody { .yearClosed(self) }
    /// A close concerns every project of its year.
    public var recordedAgainst: String? { nil }
    public var summary: Message { Message(.closedProject, year, projectCount, projectCount == 1 ? "" : "s") + (reason.map { ": \($0)" } ?? "") }
    public var remark: String? { reason }
    public var yearMark: YearMark? { YearMark(year: year, closes: true) }
}

/// A fiscal year closed or reopened, for `verify` to name the head at each.
public struct YearMark: Equatable, Sendable {
    public let year: Int
    public let closes: Bool
}
