import BudgetText
/// 得分: the self-assessed score of an indicator, with 偏差原因 (the reason for lost points).
public struct IndicatorScore: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var indicator: String
    public internal(set) var score: Points
    public internal(set) var reason: String?

    public init(project: String, indicator: String, score: Points, reason: String? = nil) {
        self.project = project; self.indicator = indicator; self.score = score; self.reason = reason
    }
}

extension IndicatorScore: ProjectPayload {
    public static let kind = EventKind(name: "indicator.scored", label: "自评得分")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("indicator", \.indicator, .identifier),
        .required("score", \.score), .optional("reason", \.reason),
    ]
    public static let blank = IndicatorScore(project: "", indicator: "", score: .zero)
    public var body: EventBody { .indicatorScored(self) }
    public var summary: Message { Message(.summaryScore, indicator, score) + (reason.map { " \($0)" } ?? "") }
    public var remark: String? { reason }
}
