import BudgetText
import BudgetModel

enum IndicatorActualCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "indicator actual", summary: Message(.recordValueIndicatorActuallyReached),
            positionals: ["ID", "IND", "VALUE"],
            options: [CommonOptions.date, .init(name: "note", value: "TEXT", required: false, help: Message(.noteHelp)),
                      .init(name: "grade", value: "G", required: false,
                            help: Message(.forQualitativeIndicatorAchievedPartial)),
                      CommonOptions.key],
            example: "budget indicator actual xcsb-2023 out-02 正在推进 --date 2023-12-31 --grade partial",
            details: Message(.quantitativeTargetIsScoredFrom)),
        run: { arguments, context in
            let value = arguments.positional(2)
            if let problem = FreeText.problem(with: value) { throw UsageError(.valueProblem, problem) }
            var grade: Achievement?
            if let text = arguments.options["grade"] {
                guard let parsed = Achievement(rawValue: text) else {
                    throw UsageError(.gradeIsNotOneOf, text)
                }
                grade = parsed
            }
            let actual = IndicatorActual(project: try arguments.identifier(0, "ID"), indicator: try arguments.identifier(1, "IND"),
                                         value: value, note: try arguments.text("note"), grade: grade)
            try context.record(arguments, .indicatorActualRecorded(actual))
        })
}
