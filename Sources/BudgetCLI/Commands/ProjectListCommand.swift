import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

enum ProjectListCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "project list", summary: Message(.listRegisteredProjects),
            positionals: [], options: [.init(name: "year", value: "YYYY", required: false, help: Message(.onlyProjectsOfThisFiscal))],
            example: "budget project list --year 2023"),
        run: { arguments, context in
            let year = try arguments.year()
            var projection = LedgerProjection()
            _ = try context.store.replay(&projection)
            func heading(_ key: MessageKey) -> TableLayout.Column { .init(Message(key).text(context.language)) }
            var table = TextTable([heading(.headingId), heading(.headingYear), heading(.headingName), heading(.headingDepartment), heading(.headingUnit)])
            for id in projection.order {
                guard let registration = projection.projects[id]?.registration, year == nil || registration.year == year else { continue }
                table.add([id, String(registration.year), registration.name, registration.department, registration.unit])
            }
            context.write(table.render())
        })
}
