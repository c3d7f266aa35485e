import BudgetModel
import BudgetProjections
import BudgetReports

enum ReportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "report", summary: "Print each project's self-evaluation form, replayed to a date or an event.",
            positionals: ["ID"], variadic: true,
            options: [ReplayOptions.asOf, ReplayOptions.at,
                      .init(name: "year", value: "YYYY", required: false, help: "only projects of this fiscal year"),
                      .init(name: "format", value: "F", required: false, help: "table (default), json or csv", choices: ["table", "json", "csv"]),
                      .init(name: "behind", value: "", required: false, help: "list only the projects behind 序时进度 (table or json)", flag: true),
                      CurveCommand.behindPoints],
            example: "budget --journal Journal/2023.jsonl report --as-of 2023-12-31 --year 2023",
            details: """
            Without ID, every project. Rates are rounded half-up to 0.01%; the execution score is 10 × the rate (capped at 100%), rounded half-up to 0.1 point.
            With --behind, only the projects whose 执行率 trails 序时进度 (day of the year ÷ days in the year) by more
            than --behind-points percentage points at the replay date: --as-of, else today (BUDGET_NOW's date when set).
            For example: budget report --behind --behind-points 15 --as-of 2023-06-30
            """),
        run: { arguments, context in
            if arguments.flag("behind") { return try behind(arguments, context) }
            if arguments.options["behind-points"] != nil { throw UsageError("--behind-points needs --behind") }
            let format = try arguments.format(["table", "json", "csv"])
            let (summary, book) = try Reader.summary(context, upTo: try ReplayOptions.atSeq(arguments))
            let point = try ReplayOptions.point(arguments, headSeq: summary.position.head.seq)
            try ReplayOptions.requireKnown(arguments.positionals, in: book)
            let options = ReportOptions(projects: arguments.positionals, year: try arguments.year(), point: point)
            // The summary folds to the same figures as the journal, as of any date.
            let report = LedgerReport(events: summary.condensedEvents(asOf: point.asOf), options: options)
            switch format {
            case "json": return LedgerReportJSON.render(report)
            case "csv": return LedgerReportCSV.render(report)
            default: return LedgerReportTable.render(report)
            }
        })
}

extension ReportCommand {
    /// `report --behind`: the report's projects replayed to the date, filtered to those behind.
    static func behind(_ arguments: ParsedArguments, _ context: CommandContext) throws -> String {
        let format = try arguments.format(["table", "json"])
        let threshold = try CurveCommand.thresholdBasisPoints(arguments)
        let date = try CurveCommand.replayDate(arguments, context)
        let (summary, book) = try Reader.summary(context, upTo: try ReplayOptions.atSeq(arguments))
        let atSeq = try ReplayOptions.point(arguments, headSeq: summary.position.head.seq).atSeq
        try ReplayOptions.requireKnown(arguments.positionals, in: book)
        let options = ReportOptions(projects: arguments.positionals, year: try arguments.year(), point: ReplayPoint(asOf: date, atSeq: atSeq))
        let report = LedgerReport(events: summary.condensedEvents(asOf: date), options: options)
        let lagging = BehindSchedule.lagging(report.projects.map(\.state), at: date, thresholdBasisPoints: threshold)
        return format == "json"
            ? ExecutionCurveJSON.behind(lagging, asOf: date, seq: report.seq, thresholdBasisPoints: threshold)
            : BehindScheduleTable.render(lagging, asOf: date, seq: report.seq, thresholdBasisPoints: threshold, colour: context.colour)
    }
}

enum TraceCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "trace", summary: "List, in journal order, each event that changed a project's figures or scores, with the scores after it.",
            positionals: ["ID"],
            options: [ReplayOptions.asOf, ReplayOptions.at,
                      .init(name: "format", value: "F", required: false, help: "table (default) or json")],
            example: "budget --journal Journal/2023.jsonl trace jbhjz-2023 --as-of 2023-12-31"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let project = try arguments.identifier(0, "ID")
            // Streamed: a trace holds its own steps, not the journal.
            var builder = TraceBuilder(project: project, point: ReplayPoint(asOf: try arguments.date("as-of"), atSeq: try ReplayOptions.atSeq(arguments)))
            let book = try Reader.stream(context) { builder.take($0) }
            try ReplayOptions.requireKnown([project], in: book)
            _ = try ReplayOptions.point(arguments, headSeq: book.headSeq)
            let steps = builder.steps
            return format == "json" ? TraceRenderer.json(project: project, steps: steps) : TraceRenderer.table(project: project, steps: steps)
        })
}

enum LogCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "log", summary: "List the journal's events as recorded.",
            positionals: [],
            options: [.init(name: "project", value: "ID", required: false, help: "only events that touch this project (policies touch every project)"),
                      ReplayOptions.asOf, ReplayOptions.at,
                      .init(name: "format", value: "F", required: false, help: "table (default) or json")],
            example: "budget log --project bzgl-2023"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let (allEvents, book) = try Reader.events(context)
            let project = try arguments.identifierOption("project")
            if let project { try ReplayOptions.requireKnown([project], in: book) }
            let point = try ReplayOptions.point(arguments, headSeq: book.headSeq)
            let events = allEvents.filter { event in
                point.includes(event) && (project.map { event.body.isJournalWide || event.body.projectsTouched.contains($0) } ?? true)
            }
            return format == "json" ? LogRenderer.json(events) : LogRenderer.table(events)
        })
}
