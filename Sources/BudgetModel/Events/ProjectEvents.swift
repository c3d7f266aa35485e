/// A project registered (项目登记): the header of its self-evaluation form.
public struct ProjectRegistration: Equatable, Sendable {
    public let project: String
    /// 项目名称
    public let name: String
    /// 主管部门: the department in charge.
    public let department: String
    /// 实施单位: the implementing unit.
    public let unit: String
    /// The fiscal year; every other event of the project is dated inside it.
    public let year: Int

    public init(project: String, name: String, department: String, unit: String, year: Int) {
        self.project = project
        self.name = name
        self.department = department
        self.unit = unit
        self.year = year
    }
}
