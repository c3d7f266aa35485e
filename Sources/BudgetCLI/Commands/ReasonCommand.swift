import BudgetText
import BudgetModel
import BudgetProjections

/// `reason`: the execution rate's own 偏差原因, recorded in the ledger.
enum ReasonCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "reason", summary: Message(.recordWhyProjectSExecution),
            positionals: ["ID"],
            options: [.init(name: "execution", value: "TEXT", required: true, help: Message(.reasonAsFormPrintsIt)),
                      .init(name: "date", value: "DATE", required: true, help: Message(.businessDateInProjectS)), CommonOptions.key],
            example: "budget reason xxyw-2023 --execution 根据中央编办安排,系统升级推迟至2024年 --date 2023-12-31",
            details: Message(.laterReasonSupersedesEarlierOne)),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            let text = try arguments.requiredText("execution")
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            try context.record(about: [project]) { _, _ in EventDraft(key: key, date: date, body: .executionExplained(ExecutionReason(project: project, text: text))) }
        })
}
