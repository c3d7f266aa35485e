import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

/// `classes`: the classification catalogues the ledger ships, to look a code up.
enum ClassesCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "classes", summary: Message(.listEconomicOrFunctionalClassification),
            positionals: ["TEXT"], variadic: true,
            options: [.init(name: "function", value: "", required: false, help: Message(.functionalClassificationInsteadOfEconomic), flag: true)],
            example: "budget classes 差旅",
            details: Message(.withTEXTOnlyCodesThat)
                + Message(.fromOfThreeDigitsTheir)),
        run: { arguments, context in
            let catalogue: ClassCatalogue = arguments.flag("function") ? .functional : .economic
            let wanted = arguments.positionals
            func matches(_ entry: (code: String, name: String)) -> Bool {
                wanted.isEmpty || wanted.contains { entry.code.hasPrefix($0) || entry.name.contains($0) }
            }
            let shown = Set(catalogue.entries.filter(matches).flatMap { [$0.code, String($0.code.prefix(3))] })
            guard !shown.isEmpty else { throw Rejection(.noCodeOfBeginsWith, catalogue.kind, wanted.joined(separator: " ")) }
            var out = ""
            for entry in catalogue.entries where shown.contains(entry.code) {
                out += (entry.code.count == 3 ? "" : "  ") + entry.code + "  " + TerminalText.escaped(entry.name) + "\n"
            }
            context.write(out)
        })
}
