import BudgetModel

enum ProjectAddCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "project add", summary: "Register a project: the header of its self-evaluation form.",
            positionals: ["ID"],
            options: [
                .init(name: "name", value: "TEXT", required: true, help: "项目名称"),
                .init(name: "department", value: "TEXT", required: true, help: "主管部门, the department in charge"),
                .init(name: "unit", value: "TEXT", required: true, help: "实施单位, the implementing unit"),
                .init(name: "year", value: "YYYY", required: true, help: "the fiscal year"),
                .init(name: "date", value: "DATE", required: false, help: "registration date (default: 1 January of the year)"),
                CommonOptions.key,
            ],
            example: "budget project add bzgl-2023 --name 机构编制管理事务经费 --department 编办 --unit 编办 --year 2023"),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            guard let year = try arguments.year() else { throw UsageError("missing --year YYYY") }
            let date = try arguments.date() ?? BusinessDate.firstDay(of: year)!
            let registration = ProjectRegistration(
                project: project, name: try arguments.requiredText("name"), department: try arguments.requiredText("department"),
                unit: try arguments.requiredText("unit"), year: year)
            try context.record(EventDraft(key: try arguments.identifierOption("id"), date: date, body: .projectRegistered(registration)))
        })
}
