import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

enum LogCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "log", summary: Message(.listJournalSEventsAs),
            positionals: [],
            options: [.init(name: "project", value: "ID", required: false, help: Message(.onlyEventsThatTouchThis)),
                      ReplayOptions.asOf, ReplayOptions.at,
                      .init(name: "format", value: "F", required: false, help: Message(.tableDefaultOrJson))],
            example: "budget log --project bzgl-2023"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let project = try arguments.identifierOption("project")
            let point = try ReplayOptions.point(arguments)
            var listing = LogListing(project: project, json: format == "json", language: context.language)
            try ReplayOptions.confirm(point, projects: project.map { [$0] } ?? [], in: context.store.replay(&listing, to: point))
            try listing.write(to: context.output, width: context.terminalWidth)
        })
}

/// The events a log lists, spooled as they are read: a table is written once its widths are known.
struct LogListing: EventFold {
    let project: String?
    let json: Bool
    let language: Language
    private var table: SpooledTable
    private let lines = TextSpool()
    /// A reversal held back one event: if the next corrects its target, the two make one row.
    private var reversal: Event?

    init(project: String?, json: Bool, language: Language) {
        self.project = project
        self.json = json
        self.language = language
        table = SpooledTable(LogRenderer.columns(language))
    }

    mutating func apply(_ event: Event) {
        if let project, !event.body.isJournalWide, !event.body.projectsTouched.contains(project) { return }
        if json { return lines.append(LogRenderer.line(event)) }
        if let held = reversal {
            reversal = nil
            if CorrectionText.pairs(held, event) { return table.add(LogRenderer.cells(reversal: held, corrected: event, language: language)) }
            table.add(LogRenderer.cells(held, language: language))
        }
        if case .reversed = event.body { reversal = event } else { table.add(LogRenderer.cells(event, language: language)) }
    }

    mutating func write(to output: Output, width: Int? = nil) throws {
        if let held = reversal { table.add(LogRenderer.cells(held, language: language)); reversal = nil }
        guard json else { return try table.write(to: output, width: width) }
        output.write("[\n")
        var written = 0
        try lines.forEach { line in
            written += 1
            output.write("  " + line + (written < lines.count ? ",\n" : "\n"))
        }
        output.write("]\n")
    }
}
