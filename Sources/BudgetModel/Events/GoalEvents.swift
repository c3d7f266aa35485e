/// 年度总体目标: a project's overall goal for the year, as its form states it in two texts —
/// 预期目标 (the expected goal, set with the budget) and 实际完成情况 (the actual outcome,
/// written at year end). A `goal.recorded` event states either text or both; a later one
/// supersedes each text it states, and leaves the other as it was.
public struct GoalRecord: Equatable, Sendable {
    public let project: String
    /// 预期目标
    public let expected: String?
    /// 实际完成情况
    public let outcome: String?

    public init(project: String, expected: String? = nil, outcome: String? = nil) {
        self.project = project; self.expected = expected; self.outcome = outcome
    }

    /// Whether the record states anything: one with neither text would change nothing.
    public var isEmpty: Bool { expected == nil && outcome == nil }
}
