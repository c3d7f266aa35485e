import BudgetText

/// A performance indicator (绩效指标) defined for a project: one row of the form.
public struct IndicatorDefinition: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var indicator: String
    /// 一级指标
    public internal(set) var level1: IndicatorLevel
    /// 二级指标, such as 数量指标 or 社会效益指标.
    public internal(set) var level2: String
    /// 三级指标: the indicator's own name.
    public internal(set) var name: String
    /// 年度指标值: the target as the form writes it ("600本", "≥90%").
    public internal(set) var target: String
    /// 分值: the points the indicator is worth.
    public internal(set) var weight: Points
    /// Set for a cost indicator whose actual value the ledger derives from the payments.
    public internal(set) var derived: DerivedActual?

    public init(project: String, indicator: String, level1: IndicatorLevel, level2: String, name: String, target: String, weight: Points,
                derived: DerivedActual? = nil) {
        self.project = project; self.indicator = indicator; self.level1 = level1; self.level2 = level2
        self.name = name; self.target = target; self.weight = weight; self.derived = derived
    }
}

extension IndicatorDefinition: ProjectPayload {
    public static let kind = EventKind(name: "indicator.defined", label: "设定指标")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("indicator", \.indicator, .identifier),
        .required("level1", \.level1), .required("level2", \.level2), .required("name", \.name),
        .required("target", \.target), .required("weight", \.weight), .optional("derived", \.derived),
    ]
    public static let blank = IndicatorDefinition(project: "", indicator: "", level1: .output, level2: "", name: "", target: "", weight: .zero)
    public var body: EventBody { .indicatorDefined(self) }
    public var summary: Message { Message(.targetWeight, indicator, name, target, weight) + (derived.map { Message(.summaryDerivedActual, $0) } ?? Message(verbatim: "")) }
}
