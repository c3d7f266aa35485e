import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

/// `budget check`: the report of every failed cross-check, and a status that says whether any failed.
enum CheckCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "check", summary: Message(.crossCheckEachFormAgainst),
            positionals: ["ID"], variadic: true,
            options: [ReplayOptions.asOf, ReplayOptions.at, ReplayOptions.knownAt, .init(name: "format", value: "F", required: false, help: Message(.tableDefaultOrJson)),
                      .init(name: "strict", value: "", required: false, help: Message(.failOnNotesTooNot), flag: true)],
            example: "budget --journal Journal/2023.jsonl check jbhjz-2023 --as-of 2023-12-31",
            details: """
            Without ID, every project with indicators or a declared form (the carry-over rules look at every project).
            Lists every failed check with its rule, its level, the expected and found figures and the events involved.
            An error fails the check (exit 1); a note does not, unless --strict: a self-assessed score below the
            rules' one, or, mid-year, execution behind 序时进度. The 90% execution rule and the rule that lost points
            need a 偏差原因 apply at a year-end replay (all dates, or --as-of the year's last day or later).
            """),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let point = try ReplayOptions.point(arguments)
            var fold = CheckFold()
            let source = try context.store.replay(&fold, to: point)
            try ReplayOptions.confirm(point, projects: arguments.positionals, in: source)
            let report = fold.report(asOf: point.asOf, projects: arguments.positionals, today: try context.today())
            context.write(format == "json" ? CheckRenderer.json(report) : CheckRenderer.table(report, colour: context.colour, width: context.terminalWidth))
            // An event breaking a rule of the ledger fails the check too; the warning names it.
            guard arguments.flag("strict") ? report.passed : !report.hasErrors, source.book.violations.isEmpty else { throw ChecksFailed() }
        })
}
