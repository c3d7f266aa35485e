import BudgetText

/// 年度总体目标: a project's overall goal for the year, as its form states it in two texts —
/// 预期目标 (the expected goal, set with the budget) and 实际完成情况 (the actual outcome,
/// written at year end). A `goal.recorded` event states either text or both; a later one
/// supersedes each text it states, and leaves the other as it was.
public struct GoalRecord: Equatable, Sendable {
    public internal(set) var project: String
    /// 预期目标
    public internal(set) var expected: String?
    /// 实际完成情况
    public internal(set) var outcome: String?

    public init(project: String, expected: String? = nil, outcome: String? = nil) {
        self.project = project; self.expected = expected; self.outcome = outcome
    }

    /// Whether the record states anything: one with neither text would change nothing.
    public var isEmpty: Bool { expected == nil && outcome == nil }
}

extension GoalRecord: ProjectPayload {
    public static let kind = EventKind(name: "goal.recorded", label: "年度总体目标")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .optional("expected", \.expected), .optional("outcome", \.outcome),
    ]
    public static let blank = GoalRecord(project: "")
    public var body: EventBody { .goalRecorded(self) }
    public var summary: Message { summaryWords(expected.map { "预期目标 \($0)" }, outcome.map { "实际完成情况 \($0)" }) }
    public var shapeProblem: Message? { isEmpty ? Message(.goalStatesNeitherExpectedNor) : nil }
}
