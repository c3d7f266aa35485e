import BudgetModel
import BudgetProjections

/// The indicator rows of the form: defined once, then given an actual value and a score.
enum IndicatorCommands {
    static let add = Command(
        spec: CommandSpec(
            name: "indicator add", summary: "Define a performance indicator (绩效指标) of a project.",
            positionals: ["ID", "IND"],
            options: [
                .init(name: "level1", value: "L", required: true, help: "一级指标: output (产出), benefit (效益) or satisfaction (满意度)"),
                .init(name: "level2", value: "TEXT", required: true, help: "二级指标, e.g. 数量指标, 成本指标, 社会效益指标"),
                .init(name: "name", value: "TEXT", required: true, help: "三级指标: the indicator's name"),
                .init(name: "target", value: "TEXT", required: true, help: "年度指标值, as the form writes it: 600本, ≥90%"),
                .init(name: "weight", value: "POINTS", required: true, help: "分值, at most two decimals"),
                .init(name: "date", value: "DATE", required: false, help: "business date (default: the later of its registration and 1 January of its year)"),
                MoneyCommands.keyOption,
            ],
            example: "budget indicator add bzgl-2023 out-01 --level1 output --level2 数量指标 --name 编撰《宁夏编办志》 --target 600本 --weight 2"),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            let levelText = arguments.options["level1"] ?? ""
            guard let level = IndicatorLevel(rawValue: levelText) else {
                throw UsageError("--level1 '\(levelText)' is not one of output, benefit, satisfaction")
            }
            let definition = IndicatorDefinition(
                project: project, indicator: try arguments.identifier(1, "IND"), level1: level,
                level2: try arguments.requiredText("level2"), name: try arguments.requiredText("name"),
                target: try arguments.requiredText("target"), weight: try points(arguments.options["weight"] ?? "", "--weight"))
            let key = try arguments.identifierOption("id")
            let explicitDate = try arguments.date()
            return try Recorder.record(context) { book in
                guard let registration = book.registration(of: project), let registered = book.registrationDate(of: project) else {
                    throw Rejection("unknown project '\(project)'")
                }
                // A project registered the year before still has its indicators in its own year.
                let date = explicitDate ?? max(registered, BusinessDate.firstDay(of: registration.year)!)
                return EventDraft(key: key, date: date, body: .indicatorDefined(definition))
            }
        })

    static let actual = Command(
        spec: CommandSpec(
            name: "indicator actual", summary: "Record the value an indicator actually reached (实际完成值). A later record supersedes an earlier one.",
            positionals: ["ID", "IND", "VALUE"],
            options: [MoneyCommands.dateOption, .init(name: "note", value: "TEXT", required: false, help: "a note"),
                      .init(name: "grade", value: "G", required: false,
                            help: "for a qualitative indicator: achieved (达成), partial (部分达成) or not-achieved (未达成)"),
                      MoneyCommands.keyOption],
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
            return try Recorder.record(arguments, context, .indicatorActualRecorded(actual))
        })

    static let score = Command(
        spec: CommandSpec(
            name: "indicator score", summary: "Record an indicator's self-assessed score (得分), with the reason for any lost points (偏差原因).",
            positionals: ["ID", "IND", "POINTS"],
            options: [MoneyCommands.dateOption, .init(name: "reason", value: "TEXT", required: false, help: "偏差原因分析及改进措施"), MoneyCommands.keyOption],
            example: "budget indicator score sbgz-2023 out-03 2 --date 2023-12-31 --reason 受到场地限制,项目未完成"),
        run: { arguments, context in
            let score = IndicatorScore(project: try arguments.identifier(0, "ID"), indicator: try arguments.identifier(1, "IND"),
                                       score: try points(arguments.positional(2), "POINTS"), reason: try arguments.text("reason"))
            return try Recorder.record(arguments, context, .indicatorScored(score))
        })

    static func points(_ text: String, _ placeholder: String) throws(UsageError) -> Points {
        do { return try Points.parse(text) } catch { throw UsageError("\(placeholder): \(error)") }
    }
}
