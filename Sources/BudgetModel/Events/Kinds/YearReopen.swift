import BudgetText
/// 重新开账: a closed year opened again, with the reason. The close stays on the record, and a
/// report of that year says the year was reopened and when; a later `year.closed` seals it
/// again, with a new head to publish.
public struct YearReopen: Equatable, Sendable {
    public internal(set) var year: Int
    public internal(set) var reason: String

    public init(year: Int, reason: String) { self.year = year; self.reason = reason }
}

extension YearReopen: EventPayload {
    public static let kind = EventKind(name: "year.reopened", label: "重新开账")
    public static let fields: [EventField<Self>] = [.required("year", \.year, .range(Limits.yearRange)), .required("reason", \.reason)]
    public static let blank = YearReopen(year: 0, reason: "")
    public static let isReversible = false
    public var body: EventBody { .yearReopened(self) }
    public var recordedAgainst: String? { nil }
    public var summary: Message { Message(.summaryReopened, year, reason) }
    public var remark: String? { reason }
    public var yearMark: YearMark? { YearMark(year: year, closes: false) }
}
