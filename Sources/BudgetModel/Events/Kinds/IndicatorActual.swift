import BudgetText
/// 实际完成值: the value an indicator actually reached. A later record supersedes an earlier one.
public struct IndicatorActual: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var indicator: String
    public internal(set) var value: String
    public internal(set) var note: String?
    /// The grade of a qualitative result, whose score must then fall in that grade's band.
    public internal(set) var grade: Achievement?

    public init(project: String, indicator: String, value: String, note: String? = nil, grade: Achievement? = nil) {
        self.project = project; self.indicator = indicator; self.value = value; self.note = note; self.grade = grade
    }
}

extension IndicatorActual: ProjectPayload {
    public static let kind = EventKind(name: "indicator.actual_recorded", label: "实际完成值")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("indicator", \.indicator, .identifier),
        .required("value", \.value), .optional("note", \.note), .optional("grade", \.grade),
    ]
    public static let blank = IndicatorActual(project: "", indicator: "", value: "")
    public var body: EventBody { .indicatorActualRecorded(self) }
    public var summary: Message { Message(.summaryActual, indicator, value) + (grade.map { " (\($0.label))" } ?? "") }
    public var remark: String? { note }
}
