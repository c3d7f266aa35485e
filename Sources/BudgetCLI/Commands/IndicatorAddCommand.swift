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
                .init(name: "level2", value: "TEXT", required: true, help: Message(.level2Help)),
                .init(name: "name", value: "TEXT", required: true, help: Message(.indicatorSName)),
                .init(name: "target", value: "TEXT", required: true, help: Message(.asFormWritesIt)),
                .init(name: "weight", value: "POINTS", required: true, help: Message(.atMostTwoDecimals)),
                .init(name: "derived", value: "RULE", required: false,
                      help: Message(.costIndicatorSActualFrom)),
                .init(name: "date", value: "DATE", required: false, help: Message(.businessDateDefaultLaterOf)),
                CommonOptions.key,
            ],
            example: "budget indicator add bzgl-2023 out-01 --level1 output --level2 数量指标 --name 编撰《宁夏编办志》 --target 600本 --weight 2",
            details: Message(.indicatorAddDetails)),
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
