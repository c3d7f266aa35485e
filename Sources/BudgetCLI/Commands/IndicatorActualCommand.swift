import BudgetModel

enum IndicatorActualCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "indicator actual", summary: "Record the value an indicator actually reached (实际完成值). A later record supersedes an earlier one.",
            positionals: ["ID", "IND", "VALUE"],
            options: [CommonOptions.date, .init(name: "note", value: "TEXT", required: false, help: "a note"),
                      .init(name: "grade", value: "G", required: false,
                            help: "for a qualitative indicator: achieved (达成), partial (部分达成) or not-achieved (未达成)"),
                      CommonOptions.key],
            example: "budget indicator actual xcsb-2023 out-02 正在推进 --date 2023-12-31 --grade partial",
            details: "A quantitative target (600本, ≥80%, 234300元/项) is scored from the numbers. A qualitative one (着力破解, 长效) scores by the band of its grade: achieved 80–100% of the weight, partial 60–80%, not-achieved 0–60%; with no grade, only an actual equal to the target word for word is accepted."),
        run: { arguments, context in
            let value = arguments.positional(2)
            if let problem = FreeText.problem(with: value) { throw UsageError("VALUE \(problem)") }
            var grade: Achievement?
            if let text = arguments.options["grade"] {
                guard let parsed = Achievement(rawValue: text) else {
                    throw UsageError("--grade '\(text)' is not one of achieved, partial, not-achieved")
                }
                grade = parsed
            }
            let actual = IndicatorActual(project: try arguments.identifier(0, "ID"), indicator: try arguments.identifier(1, "IND"),
                                         value: value, note: try arguments.text("note"), grade: grade)
            try context.record(arguments, .indicatorActualRecorded(actual))
        })
}
