/// A performance indicator (绩效指标) defined for a project: one row of the form.
public struct IndicatorDefinition: Equatable, Sendable {
    public let project: String
    public let indicator: String
    /// 一级指标
    public let level1: IndicatorLevel
    /// 二级指标, such as 数量指标 or 社会效益指标.
    public let level2: String
    /// 三级指标: the indicator's own name.
    public let name: String
    /// 年度指标值: the target as the form writes it ("600本", "≥90%").
    public let target: String
    /// 分值: the points the indicator is worth.
    public let weight: Points

    public init(project: String, indicator: String, level1: IndicatorLevel, level2: String, name: String, target: String, weight: Points) {
        self.project = project; self.indicator = indicator; self.level1 = level1; self.level2 = level2
        self.name = name; self.target = target; self.weight = weight
    }
}

/// 实际完成值: the value an indicator actually reached. A later record supersedes an earlier one.
public struct IndicatorActual: Equatable, Sendable {
    public let project: String
    public let indicator: String
    public let value: String
    public let note: String?
    /// The grade of a qualitative result, whose score must then fall in that grade's band.
    public let grade: Achievement?

    public init(project: String, indicator: String, value: String, note: String? = nil, grade: Achievement? = nil) {
        self.project = project; self.indicator = indicator; self.value = value; self.note = note; self.grade = grade
    }
}

/// 得分: the self-assessed score of an indicator, with 偏差原因 (the reason for lost points).
public struct IndicatorScore: Equatable, Sendable {
    public let project: String
    public let indicator: String
    public let score: Points
    public let reason: String?

    public init(project: String, indicator: String, score: Points, reason: String? = nil) {
        self.project = project; self.indicator = indicator; self.score = score; self.reason = reason
    }
}

/// 冲销: the only correction. It names the event it reverses and carries a copy of that event's
/// body, so a fold can undo its effect without looking anything up.
public struct Reversal: Equatable, Sendable {
    public let targetSeq: Int64
    public let reason: String
    public let original: EventBody

    public init(targetSeq: Int64, reason: String, original: EventBody) {
        self.targetSeq = targetSeq; self.reason = reason; self.original = original
    }
}
