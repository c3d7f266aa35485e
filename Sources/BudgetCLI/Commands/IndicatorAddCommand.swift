import BudgetText
import BudgetModel
import BudgetProjections

enum IndicatorAddCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "indicator add", summary: Message(.definePerformanceIndicatorOfProject),
            positionals: ["ID", "IND"],
            options: [
                .init(name: "level1", value: "L", required: true, help: Message(.outputBenefitOrSatisfaction)),
                .init(name: "level2", value: "TEXT", required: true, help: "二级指标, e.g. 数量指标, 成本指标, 社会效益指标"),
                .init(name: "name", value: "TEXT", required: true, help: Message(.indicatorSName)),
                .init(name: "target", value: "TEXT", required: true, help: Message(.asFormWritesIt)),
                .init(name: "weight", value: "POINTS", required: true, help: Message(.atMostTwoDecimals)),
                .init(name: "derived", value: "RULE", required: false,
                      help: Message(.costIndicatorSActualFrom)),
                .init(name: "date", value: "DATE", required: false, help: Message(.businessDateDefaultLaterOf)),
                CommonOptions.key,
            ],
            example: "budget indicator add bzgl-2023 out-01 --level1 output --level2 数量指标 --name 编撰《宁夏编办志》 --target 600本 --weight 2",
            details: """
            With --derived, the indicator's 实际完成值 is the project's executed payments under the economic codes
            named (a 类 stands for all its 款), or that sum divided by a count of items, written in the target's
            unit: 元 or 万元, or 元/项, 元/人 when the target prices an item. Each payment moves it, and its rule
            score; `budget trace` shows which payment did. A typed actual (`indicator actual`) is refused.
            For example: budget indicator add p cost-01 --level1 output --level2 成本指标 --name 举办培训班费用
                         --target ≤100000元/期 --weight 5 --derived 'sum class=30216 / 5'
            """),
        run: { arguments, context in
            let project = try arguments.identifier(0, "ID")
            let levelText = arguments.options["level1"] ?? ""
            guard let level = IndicatorLevel(rawValue: levelText) else {
                throw UsageError(.levelIsNotOneOf, levelText)
            }
            let definition = IndicatorDefinition(
                project: project, indicator: try arguments.identifier(1, "IND"), level1: level,
                level2: try arguments.requiredText("level2"), name: try arguments.requiredText("name"),
                target: try arguments.requiredText("target"), weight: try arguments.points(arguments.options["weight"] ?? "", "--weight"),
                derived: try arguments.options["derived"].map { text throws(UsageError) in
                    switch DerivedActual.parse(text) {
                    case .success(let rule): return rule
                    case .failure(let problem): throw UsageError("--derived \(problem.message)")
                    }
                })
            let key = try arguments.identifierOption("id")
            let explicitDate = try arguments.date()
            try context.record(about: [project]) { book, _ in
                guard let registration = book.registration(of: project), let registered = book.registrationDate(of: project) else {
                    throw Rejection(.unknownProject, project)
                }
                // A project registered the year before still has its indicators in its own year.
                let date = explicitDate ?? max(registered, BusinessDate.firstDay(of: registration.year)!)
                return EventDraft(key: key, date: date, body: .indicatorDefined(definition))
            }
        })
}
