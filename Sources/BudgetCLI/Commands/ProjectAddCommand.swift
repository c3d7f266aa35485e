import BudgetText
import BudgetModel

enum ProjectAddCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "project add", summary: Message(.registerProjectHeaderOfIts),
            positionals: ["ID"],
            options: [
                .init(name: "name", value: "TEXT", required: true, help: "项目名称"),
                .init(name: "department", value: "TEXT", required: true, help: Message(.departmentInCharge)),
                .init(name: "unit", value: "TEXT", required: true, help: Message(.implementingUnit)),
                .init(name: "year", value: "YYYY", required: true, help: Message(.fiscalYear)),
                .init(name: "date", value: "DATE", required: false, help: Message(.registrationDateDefaultJanuaryOf)),
                CommonOptions.key,
            ],
            example: "budget project add bzgl-2023 --name 机构编制管理事务经费 --department 编办 --unit 编办 --year 2023"),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            guard let year = try arguments.year() else { throw UsageError(.missingYearYYYY) }
            let date = try arguments.date() ?? BusinessDate.firstDay(of: year)!
            let registration = ProjectRegistration(
                project: project, name: try arguments.requiredText("name"), department: try arguments.requiredText("department"),
                unit: try arguments.requiredText("unit"), year: year)
            try context.record(EventDraft(key: try arguments.identifierOption("id"), date: date, body: .projectRegistered(registration)))
        })
}
