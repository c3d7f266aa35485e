import BudgetText
/// A project registered (项目登记): the header of its self-evaluation form.
public struct ProjectRegistration: Equatable, Sendable {
    public internal(set) var project: String
    /// 项目名称
    public internal(set) var name: String
    /// 主管部门: the department in charge.
    public internal(set) var department: String
    /// 实施单位: the implementing unit.
    public internal(set) var unit: String
    /// The fiscal year; every other event of the project is dated inside it.
    public internal(set) var year: Int

    public init(project: String, name: String, department: String, unit: String, year: Int) {
        self.project = project; self.name = name; self.department = department; self.unit = unit; self.year = year
    }
}

extension ProjectRegistration: ProjectPayload {
    public static let kind = EventKind(name: "project.registered", label: "项目登记")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("name", \.name), .required("department", \.department),
        .required("unit", \.unit), .required("year", \.year, .range(Limits.yearRange)),
    ]
    public static let blank = ProjectRegistration(project: "", name: "", department: "", unit: "", year: 0)
    /// A project, once registered, stays: its events are reversed instead.
    public static let isReversible = false
    public var body: EventBody { .projectRegistered(self) }
    public var summary: Message { Message(verbatim: "\(name) (\(year))") }
    public var dateWindow: DateWindow { .registration }
}
