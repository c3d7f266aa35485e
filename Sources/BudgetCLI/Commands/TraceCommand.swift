import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

enum TraceCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "trace", summary: Message(.listInJournalOrderEach),
            positionals: ["ID"],
            options: [ReplayOptions.asOf, ReplayOptions.at, ReplayOptions.knownAt,
                      .init(name: "format", value: "F", required: false, help: Message(.tableDefaultOrJson))],
            example: "budget --journal Journal/2023.jsonl trace jbhjz-2023 --as-of 2023-12-31"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let project = try arguments.identifier(0, "ID")
            let point = try ReplayOptions.point(arguments)
            // Each step is rendered as it is made and spooled: the trace holds neither the journal nor its steps.
            var table = SpooledTable(TraceRenderer.columns(context.language))
            let steps = TextSpool()
            // A table shows a correction as one step; JSON keeps each event.
            var builder = TraceBuilder(project: project, mergesCorrections: format != "json") { step in
                if format == "json" { steps.append(TraceRenderer.jsonStep(step, language: context.language)) } else { table.add(TraceRenderer.cells(step, language: context.language)) }
            }
            try ReplayOptions.confirm(point, projects: [project], in: context.store.replay(&builder, to: point))
            builder.finish()
            if format == "json" {
                context.write(TraceRenderer.jsonOpening(project: project))
                var first = true
                try steps.forEach { step in
                    context.write(TraceRenderer.jsonSeparator(first: first) + step)
                    first = false
                }
                context.write(TraceRenderer.jsonClosing(empty: first))
            } else {
                context.write(TraceRenderer.title(project: project, count: builder.stepCount, language: context.language))
                try table.write(to: context.output, width: context.terminalWidth)
            }
        })
}
