import BudgetModel
import BudgetProjections
import BudgetReports

/// `classes`: the classification catalogues the ledger ships, to look a code up.
enum ClassesCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "classes", summary: "List the economic (经济分类) or functional (功能分类) classification codes a payment may carry.",
            positionals: ["TEXT"], variadic: true,
            options: [.init(name: "function", value: "", required: false, help: "the functional classification instead of the economic one", flag: true)],
            example: "budget classes 差旅",
            details: "With TEXT, only the codes that begin with it or whose names hold it, and the 类 they belong to. "
                + "From 政府收支分类科目 (2023): 类 of three digits, their 款 of five. A payment carries a 款, or a 类 that has none."),
        run: { arguments, context in
            let catalogue: ClassCatalogue = arguments.flag("function") ? .functional : .economic
            let wanted = arguments.positionals
            func matches(_ entry: (code: String, name: String)) -> Bool {
                wanted.isEmpty || wanted.contains { entry.code.hasPrefix($0) || entry.name.contains($0) }
            }
            let shown = Set(catalogue.entries.filter(matches).flatMap { [$0.code, String($0.code.prefix(3))] })
            guard !shown.isEmpty else { throw Rejection("no code of the \(catalogue.kind) begins with or is named by \(wanted.joined(separator: " "))") }
            var out = ""
            for entry in catalogue.entries where shown.contains(entry.code) {
                out += (entry.code.count == 3 ? "" : "  ") + entry.code + "  " + TerminalText.escaped(entry.name) + "\n"
            }
            context.write(out)
        })
}
