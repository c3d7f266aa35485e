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
            details: """
            Without ID, every project. Rates are rounded half-up to 0.01%; the execution score is 10 × the rate (capped at 100%), rounded half-up to 0.1 point.
            With --behind, only the projects whose 执行率 trails 序时进度 (day of the year ÷ days in the year) by more
            than --behind-points percentage points at the replay date: --as-of, else today (BUDGET_NOW's date when set).
            For example: budget report --behind --behind-points 15 --as-of 2023-06-30
            With --by class, each economic classification code with its name, its amount and the projects that
            spent under it; payments without a code form a group of their own (JSON "code": null), and the
            groups add up to the projects' 全年执行数. For example: budget report --by class --year 2023 --format json
            With --by department (or unit), one row per department and fiscal year (a roll-up never mixes years):
            the fund figures summed, the execution rate of the sum, the projects by grade (self-assessed and by the
            rules), the total score averaged weighted by full-year budget, and the projects behind 序时进度 at the
            replay date (--as-of, else today; a year already over at its last day).
            """),
        run: { arguments, context in
            if let project = arguments.options["chain"] {
                if let problem = Identifier.problem(with: project) { throw UsageError("--chain '\(project)' \(problem)") }
                let point = try ReplayOptions.point(arguments)
                var fold = CarryoverChainFold()
                try ReplayOptions.confirm(point, projects: [project], in: context.store.replay(&fold, to: point))
                return context.write(CarryoverChainTable.render(fold, project: project, asOf: point.asOf))
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
                case "json": return context.write(DepartmentRollupJSON.render(rollup))
                case "csv": return context.write(DepartmentRollupCSV.render(rollup))
                default: return context.write(DepartmentRollupTable.render(rollup))
                }
            }
            if let by = arguments.options["by"] {
                guard let dimension = ClassDimension(rawValue: by) else { throw UsageError(.byIsNotClassFunction, by) }
                let breakdown = ClassBreakdown(report: report, by: dimension)
                switch format {
                case "json": return context.write(ClassBreakdownJSON.render(breakdown))
                case "csv": return context.write(ClassBreakdownCSV.render(breakdown))
                default: return context.write(ClassBreakdownTable.render(breakdown))
                }
            }
            switch format {
            case "json": context.write(LedgerReportJSON.render(report))
            case "csv": context.write(LedgerReportCSV.render(report))
            default: context.write(LedgerReportTable.render(report))
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
            : BehindScheduleTable.render(lagging, asOf: date, seq: report.seq, thresholdBasisPoints: threshold, colour: context.colour))
    }
}
