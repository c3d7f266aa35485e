import BudgetText
import BudgetModel

enum IndicatorScoreCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "indicator score", summary: Message(.recordIndicatorSSelfAssessed),
            positionals: ["ID", "IND", "POINTS"],
            options: [CommonOptions.date, .init(name: "reason", value: "TEXT", required: false, help: "偏差原因分析及改进措施"), CommonOptions.key],
            example: "budget indicator score sbgz-2023 out-03 2 --date 2023-12-31 --reason 受到场地限制,项目未完成"),
        run: { arguments, context in
            let score = IndicatorScore(project: try arguments.identifier(0, "ID"), indicator: try arguments.identifier(1, "IND"),
                                       score: try arguments.points(arguments.positional(2), "POINTS"), reason: try arguments.text("reason"))
            try context.record(arguments, .indicatorScored(score))
        })
}
