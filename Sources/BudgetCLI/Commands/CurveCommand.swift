import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

/// `budget curve`: one project's execution month by month against 序时进度.
enum CurveCommand {
    static let behindPoints = CommandSpec.Option(
        name: "behind-points", value: "P", required: false,
        help: Message(.howManyPercentagePointsBehind))

    static let command = Command(
        spec: CommandSpec(
            name: "curve", summary: Message(.chartProjectSCumulativeExecution),
            positionals: ["ID"],
            options: [ReplayOptions.asOf, ReplayOptions.knownAt, behindPoints,
                      .init(name: "format", value: "F", required: false, help: Message(.tableDefaultJsonOrSvg), choices: ["table", "json", "svg"])],
            example: "budget --journal Journal/2023.jsonl curve bzgl-2023 --as-of 2023-09-30",
            details: Message(.curveDetails)),
        run: { arguments, context in
            let format = try arguments.format(["table", "json", "svg"])
            let project = try arguments.identifier(0, "ID")
            let threshold = try thresholdBasisPoints(arguments)
            let asOf = try replayDate(arguments, context)
            var curves = ExecutionCurves(asOf: asOf)
            let point = ReplayPoint(asOf: asOf, knownAt: try ReplayOptions.knownAt(arguments))
            try ReplayOptions.replay(&curves, to: point, context, projects: [project])
            guard let curve = curves.curve(of: project) else { throw Rejection(.projectIsNotRegisteredBy, project, asOf) }
            switch format {
            case "json": context.write(ExecutionCurveJSON.render(curve))
            case "svg": context.write(ExecutionCurveSVG.render(curve, language: context.language))
            default: context.write(ExecutionCurveText.render(curve, thresholdBasisPoints: threshold, colour: context.colour, language: context.language))
            }
        })

    /// --behind-points as basis points of a percent: "10" is 1000, "7.5" is 750.
    static func thresholdBasisPoints(_ arguments: ParsedArguments) throws(UsageError) -> Int64 {
        guard let text = arguments.options["behind-points"] else { return BehindSchedule.thresholdBasisPointsDefault }
        do { return try Points.parse(text).hundredths } catch { throw UsageError("--behind-points \(error)") }
    }

    /// The date the curve and `report --behind` judge progress at: --as-of, else today.
    static func replayDate(_ arguments: ParsedArguments, _ context: CommandContext) throws(UsageError) -> BusinessDate {
        if let asOf = try arguments.date("as-of") { return asOf }
        return try context.today()
    }
}

extension CommandContext {
    /// Today's date in UTC, from `now()`: BUDGET_NOW's date when it is set.
    func today() throws(UsageError) -> BusinessDate {
        let stamp = try now()
        guard let date = BusinessDate(String(stamp.prefix(10))) else { throw UsageError(.todaySDateIsOutside, stamp.prefix(10)) }
        return date
    }
}
