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
            details: Message(.checkDetails)),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let point = try ReplayOptions.point(arguments)
            var fold = CheckFold()
            let source = try context.store.replay(&fold, to: point)
            try ReplayOptions.confirm(point, projects: arguments.positionals, in: source)
            let report = fold.report(asOf: point.asOf, projects: arguments.positionals, today: try context.today())
            context.write(format == "json" ? CheckRenderer.json(report, language: context.language) : CheckRenderer.table(report, colour: context.colour, width: context.terminalWidth, language: context.language))
            // An event breaking a rule of the ledger fails the check too; the warning names it.
            guard arguments.flag("strict") ? report.passed : !report.hasErrors, source.book.violations.isEmpty else { throw ChecksFailed() }
        })
}
