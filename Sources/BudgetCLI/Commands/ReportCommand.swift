import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

enum ReportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "report", summary: Message(.printEachProjectSSelf),
            positionals: ["ID"], variadic: true,
            options: [ReplayOptions.asOf, ReplayOptions.at, ReplayOptions.knownAt,
                      .init(name: "year", value: "YYYY", required: false, help: Message(.onlyProjectsOfThisFiscal)),
                      .init(name: "format", value: "F", required: false, help: Message(.tableDefaultJsonOrCsv), choices: ["table", "json", "csv"]),
                      .init(name: "behind", value: "", required: false, help: Message(.listOnlyProjectsBehindTable), flag: true),
                      .init(name: "by", value: "class|function|department|unit", required: false,
                            help: Message(.executedMoneyByEconomicOr),
                            choices: ["class", "function", "department", "unit"]),
                      CurveCommand.behindPoints,
                      .init(name: "chain", value: "ID", required: false, help: Message(.projectsLinkedToIDBy))],
            example: "budget --journal Journal/2023.jsonl report --as-of 2023-12-31 --year 2023",
            details: Message(.reportDetails)),
        run: { arguments, context in
            if let project = arguments.options["chain"] {
                if let problem = Identifier.problem(with: project) { throw UsageError(.fieldValueProblem, "--chain", project, problem) }
                // The chain is a table only: a format it cannot write is refused, not ignored.
                _ = try arguments.format(["table"])
                let point = try ReplayOptions.point(arguments)
                var fold = CarryoverChainFold()
                try ReplayOptions.confirm(point, projects: [project], in: context.store.replay(&fold, to: point))
                return context.write(CarryoverChainTable.render(fold, project: project, asOf: point.asOf, language: context.language))
            }
            if arguments.flag("behind") {
                if arguments.options["by"] != nil { throw UsageError(.byAndBehindCannotBe) }
                return try behind(arguments, context)
            }
            if arguments.options["behind-points"] != nil, !["department", "unit"].contains(arguments.options["by"] ?? "") {
                throw UsageError(.behindPointsNeedsBehindOr)
            }
            let format = try arguments.format(["table", "json", "csv"])
            var projection = LedgerProjection()
            try ReplayOptions.replay(&projection, arguments, context, projects: arguments.positionals)
            let options = ReportOptions(projects: arguments.positionals, year: try arguments.year(), point: try ReplayOptions.point(arguments))
            let report = LedgerReport(projection: projection, options: options)
            if let by = arguments.options["by"], let dimension = DepartmentRollup.Dimension(rawValue: by) {
                let rollup = DepartmentRollup(report: report, by: dimension, progressDate: try CurveCommand.replayDate(arguments, context),
                                              thresholdBasisPoints: try CurveCommand.thresholdBasisPoints(arguments))
                switch format {
                case "json": return context.write(DepartmentRollupJSON.render(rollup, language: context.language))
                case "csv": return context.write(DepartmentRollupCSV.render(rollup, language: context.language))
                default: return context.write(DepartmentRollupTable.render(rollup, language: context.language))
                }
            }
            if let by = arguments.options["by"] {
                guard let dimension = ClassDimension(rawValue: by) else { throw UsageError(.byIsNotClassFunction, by) }
                let breakdown = ClassBreakdown(report: report, by: dimension)
                switch format {
                case "json": return context.write(ClassBreakdownJSON.render(breakdown, language: context.language))
                case "csv": return context.write(ClassBreakdownCSV.render(breakdown, language: context.language))
                default: return context.write(ClassBreakdownTable.render(breakdown, language: context.language))
                }
            }
            switch format {
            case "json": context.write(LedgerReportJSON.render(report, language: context.language))
            case "csv": context.write(LedgerReportCSV.render(report))
            default: context.write(LedgerReportTable.render(report, language: context.language))
            }
        })

    /// `report --behind`: the report's projects replayed to the date, filtered to those behind.
    static func behind(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let format = try arguments.format(["table", "json"])
        let threshold = try CurveCommand.thresholdBasisPoints(arguments)
        let point = ReplayPoint(asOf: try CurveCommand.replayDate(arguments, context), atSeq: try ReplayOptions.atSeq(arguments),
                                knownAt: try ReplayOptions.knownAt(arguments))
        var projection = LedgerProjection()
        try ReplayOptions.replay(&projection, to: point, context, projects: arguments.positionals)
        let report = LedgerReport(projection: projection, options: ReportOptions(projects: arguments.positionals, year: try arguments.year(), point: point))
        let date = point.asOf!
        // A project with nothing left to spend, or of a year closed by the date, is not nagged.
        let open = report.projects.map(\.state).filter { state in
            state.funds.total.remaining.fen > 0 && projection.years[state.registration.year]?.isClosed != true
        }
        let lagging = BehindSchedule.lagging(open, at: date, thresholdBasisPoints: threshold)
        context.write(format == "json"
            ? ExecutionCurveJSON.behind(lagging, asOf: date, seq: report.seq, thresholdBasisPoints: threshold)
            : BehindScheduleTable.render(lagging, asOf: date, seq: report.seq, thresholdBasisPoints: threshold, colour: context.colour, language: context.language))
    }
}
